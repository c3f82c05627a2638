using System;
using Arbor.Distribution.Connections;
using Arbor.Distribution.Control;
using Arbor.Distribution.Nodes;
using Arbor.Distribution.Terms;

namespace Arbor.Distribution;

/// <summary>
/// Encoding outgoing frames. Messages (SEND, SEND_SENDER, REG_SEND, with an optional <c>'$gen_cast'</c> wrapper) are
/// the hot path: their control tuple and pids are written straight into the pooled frame, with no term tree built
/// first. Rarer signals go through <see cref="Enqueue"/> with a control term.
/// </summary>
internal sealed partial class NodeDistribution
{
    [ThreadStatic]
    private static FrameBuffer? t_frame;

    [ThreadStatic]
    private static TermWriter? t_writer;

    /// <summary><c>{SEND, '', To}</c>, or <c>{SEND_SENDER, From, To}</c> when <paramref name="sender"/> is set, then the payload.</summary>
    private void EnqueueSend(Connection connection, Pid sender, Pid to, object payload, bool genCast)
    {
        var frame = StartFrame(out var writer);
        try
        {
            writer.WriteVersion();
            writer.WriteTupleHeader(3);
            if (sender.IsNone)
            {
                writer.WriteInteger(ControlTag.Send);
                writer.WriteAtom(ControlAtoms.Empty);
            }
            else
            {
                writer.WriteInteger(ControlTag.SendSender);
                WritePid(writer, sender);
            }

            WritePid(writer, to);
            WritePayload(writer, payload, genCast);
        }
        catch
        {
            DiscardFrame();
            throw;
        }

        connection.Enqueue(frame.Seal());
    }

    /// <summary><c>{REG_SEND, From, '', Name}</c>, then the payload.</summary>
    private void EnqueueRegSend(Connection connection, Pid from, Atom name, object payload, bool genCast)
    {
        var frame = StartFrame(out var writer);
        try
        {
            writer.WriteVersion();
            writer.WriteTupleHeader(4);
            writer.WriteInteger(ControlTag.RegSend);
            WritePid(writer, from);
            writer.WriteAtom(ControlAtoms.Empty);
            writer.WriteAtom(name);
            WritePayload(writer, payload, genCast);
        }
        catch
        {
            DiscardFrame();
            throw;
        }

        connection.Enqueue(frame.Seal());
    }

    /// <summary>
    /// Encodes a control message (and payload) as one frame and queues it, to be written with the next batch unless
    /// <paramref name="timing"/> says otherwise (a call's request and a reply are written at once: someone waits on them).
    /// </summary>
    private static void Enqueue(Connection connection, object control, object? payload, WriteTiming timing = WriteTiming.Batched)
    {
        var frame = StartFrame(out var writer);
        try
        {
            writer.WriteVersion();
            writer.Write(control);
            if (payload is not null)
            {
                writer.WriteVersion();
                writer.Write(payload);
            }
        }
        catch
        {
            DiscardFrame();
            throw;
        }

        connection.Enqueue(frame.Seal(), timing);
    }

    /// <summary>
    /// This thread's frame buffer, emptied, with the pass-through byte written, and its writer. Both are reused frame
    /// after frame (nothing is allocated per message but the sealed frame's bytes); encoding calls no user code, so a
    /// thread never encodes two frames at once.
    /// </summary>
    private static FrameBuffer StartFrame(out TermWriter writer)
    {
        var frame = t_frame ??= new FrameBuffer();
        frame.Reset();
        writer = t_writer ??= new TermWriter(frame);
        frame.GetSpan(1)[0] = ControlTag.PassThrough;
        frame.Advance(1);
        return frame;
    }

    /// <summary>After a failed encoding: the writer may be mid-term, so this thread starts afresh next time.</summary>
    private static void DiscardFrame()
    {
        t_frame?.Reset();
        t_writer = null;
        t_frame = null;
    }

    private static void WritePayload(TermWriter writer, object payload, bool genCast)
    {
        writer.WriteVersion();
        if (genCast)
        {
            writer.WriteTupleHeader(2);
            writer.WriteAtom(ControlAtoms.GenCast);
        }

        writer.Write(payload);
    }

    /// <summary>A pid as <see cref="ToWire(Pid)"/> gives it, written in place (no <see cref="ErlangPid"/> allocated).</summary>
    private void WritePid(TermWriter writer, Pid pid)
    {
        if (pid.IsRemoteName)
        {
            throw new ArgumentException($"{pid} is a registered name on another node, not a process: it cannot travel inside a message.");
        }

        if (pid.IsRemote)
        {
            var node = RemoteNodeTable.Get(pid.NodeId);
            writer.WritePid(node.Name, (uint)pid.Id, (uint)(pid.Id >> 32), node.Creation);
            return;
        }

        if (pid.Process is { } process)
        {
            _exported.Export(process);
        }

        writer.WritePid(SelfAtom, (uint)pid.Id, (uint)(pid.Id >> 32), Creation);
    }
}
