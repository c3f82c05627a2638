using System;
using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor.Testing;

/// <summary>
/// The process behind a <see cref="TestProbe"/>: everything it receives (plain sends, monitor and exit notices, casts and
/// calls) goes into a channel the test reads. Requests from the test itself (<see cref="ProbeRequest"/>) run inside the
/// process instead, so the probe can link, monitor and trap exits as itself.
/// </summary>
internal sealed class ProbeServer : GenServer
{
    private readonly ChannelWriter<object> _inbox;

    public ProbeServer(ChannelWriter<object> inbox) => _inbox = inbox;

    public bool Trapping
    {
        get => TrapExit;
        set => TrapExit = value;
    }

    public void LinkTo(Pid other) => Link(other);

    public void UnlinkFrom(Pid other) => Unlink(other);

    public MonitorRef MonitorOf(Pid target) => Monitor(target);

    public bool DemonitorOf(MonitorRef reference) => Demonitor(reference, flush: true);

    public void StopNormally() => Stop();

    /// <summary>The deferred-reply token of a call the probe received, so the test can answer it from outside the process.</summary>
    public static ReplyTo<T> ReplyTokenFor<T>(CallMessage<T> call) => DeferReply(call);

    protected override ValueTask HandleInfoAsync(object message)
    {
        _inbox.TryWrite(message);
        return default;
    }

    protected override ValueTask HandleCastAsync(CastMessage cast)
    {
        _inbox.TryWrite(cast);
        return default;
    }

    protected override ValueTask HandleCallAsync(CallMessage call)
    {
        if (call is ProbeRequest request)
        {
            Reply(request, request.Run(this));
        }
        else
        {
            // A call from the code under test: left unanswered (the runtime keeps it as a deferred reply) and handed to the
            // test, which may answer it with TestProbe.Reply or let the caller time out.
            _inbox.TryWrite(call);
        }

        return default;
    }
}

/// <summary>A request from the test, run inside the probe's process.</summary>
internal sealed class ProbeRequest : CallMessage<object?>
{
    private readonly Func<ProbeServer, object?> _action;

    public ProbeRequest(Func<ProbeServer, object?> action) => _action = action;

    public object? Run(ProbeServer probe) => _action(probe);

    public override string ToString() => "probe request";
}
