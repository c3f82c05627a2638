using System.IO;
using System.Linq;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>
/// An <see cref="ErlangFactAttribute"/> that also needs Erlang's <c>ssl</c> application (for <c>-proto_dist
/// inet_tls</c>): skipped with the reason when the installation has no <c>lib/ssl-*</c>, as when erl is missing
/// outside CI.
/// </summary>
public sealed class ErlangSslFactAttribute : FactAttribute
{
    public ErlangSslFactAttribute()
    {
        if (!ErlangTools.IsInstalled)
        {
            if (!ErlangTools.InCi)
            {
                Skip = "Erlang/OTP is not installed (no 'erl' on PATH). Install it to run the interop tests: sudo apt-get install -y erlang-nox";
            }

            return;
        }

        if (!HasSsl())
        {
            Skip = "Erlang's ssl application is not installed, so erl cannot run -proto_dist inet_tls: sudo apt-get install -y erlang-ssl";
        }
    }

    private static bool HasSsl()
    {
        var erl = ErlangTools.Find("erl")!;
        var resolved = new FileInfo(erl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? erl;
        var root = Path.GetDirectoryName(Path.GetDirectoryName(resolved));
        var lib = root is null ? null : Path.Combine(root, "lib");
        // An unusual layout (erl a wrapper script elsewhere): assume ssl is there and let the test say otherwise.
        return lib is null || !Directory.Exists(lib) || Directory.GetDirectories(lib, "ssl-*").Any();
    }
}
