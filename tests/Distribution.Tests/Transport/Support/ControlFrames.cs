using System.Buffers;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution.Tests.Transport.Support;

/// <summary>Builds the bytes of a distribution frame as a peer sends them: the pass-through marker, the control term and an optional payload.</summary>
internal static class ControlFrames
{
    public static byte[] Frame(object control, object? payload)
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write([(byte)112]);
        var writer = new TermWriter(output);
        writer.WriteVersion();
        writer.Write(control);
        if (payload is not null)
        {
            writer.WriteVersion();
            writer.Write(payload);
        }

        return output.WrittenSpan.ToArray();
    }
}
