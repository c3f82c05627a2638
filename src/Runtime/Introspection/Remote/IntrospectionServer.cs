using System;
using System.Threading.Tasks;
using Arbor.Distribution;
using Arbor.Distribution.Terms;
using Microsoft.Extensions.Logging;

namespace Arbor.Introspection.Remote;

/// <summary>
/// The introspection service of a node, registered as <see cref="NodeIntrospection.RemoteServiceName"/>: answers other
/// nodes' <c>gen_server:call</c>s (<see cref="IntrospectionRequests"/>) from this node's <see cref="NodeIntrospection"/>,
/// and performs destructive actions only when this node allows them. A malformed request, or an action whose supervisor
/// does not answer, gets <c>{error, Why}</c>; neither crashes the service.
/// </summary>
internal sealed class IntrospectionServer(RemoteIntrospectionOptions options) : GenServer
{
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(10);

    private static readonly Action<ILogger, string, string, string, string, string, Exception?> s_action =
        LoggerMessage.Define<string, string, string, string, string>(
            LogLevel.Warning,
            new EventId(1, "RemoteIntrospectionAction"),
            "Remote action {Action} on {Target} from node {Node} (user {User}): {Outcome}");

    /// <summary>How long the node stays observed after the last request (a dashboard on another node asks every second).</summary>
    private static readonly TimeSpan ObservationLease = TimeSpan.FromSeconds(5);

    private ILogger? _logger;
    private Observation? _observation;
    private long _lastAsked;

    private ILogger Logger => _logger ??= Node.LoggerFactory.CreateLogger("Arbor.Introspection");

    protected override async ValueTask HandleInfoAsync(object message)
    {
        if (message is LeaseCheck)
        {
            EndOrRenewObservation();
            return;
        }

        if (message is not RemoteCall call)
        {
            return; // casts and stray messages are not part of the protocol
        }

        KeepObserved();

        object reply;
        try
        {
            reply = await AnswerAsync(call).ConfigureAwait(false);
        }
        catch (Exception bad) when (bad is FormatException or ArgumentException or CallException)
        {
            // A malformed request, or a supervisor that did not answer an action in time: the asker gets the reason, and
            // the service (which nothing restarts) keeps serving.
            reply = new ErlangTuple(Atom.Error, bad.Message);
        }

        call.Reply(reply);
    }

    private async ValueTask<object> AnswerAsync(RemoteCall call)
    {
        var introspection = Node.Introspection;
        switch (call.Request)
        {
            case Atom a when a == IntrospectionRequests.Describe:
                return new ErlangMap([
                    new(Atom.Of("node"), Node.NodeName ?? "nonode@nohost"),
                    new(Atom.Of("allow_actions"), options.AllowDestructiveActions),
                ]);
            case Atom a when a == IntrospectionRequests.Counters:
                return IntrospectionTerms.Counters(introspection.GetCounters());
            case ErlangTuple { Count: 2 } t when Is(t, IntrospectionRequests.Crashes):
                var crashes = introspection.RecentCrashes();
                var max = Count(t[1], IntrospectionRequests.MaxItems);
                return IntrospectionTerms.List(crashes.Count > max ? [.. System.Linq.Enumerable.Take(crashes, max)] : crashes, IntrospectionTerms.Crash);
            case ErlangTuple { Count: 6 } t when Is(t, IntrospectionRequests.Processes):
                return IntrospectionTerms.Page(introspection.ListProcesses(new ProcessQuery
                {
                    Filter = t[1] is Atom ? null : IntrospectionTermReader.TextOf(t[1]),
                    SortBy = Enum.TryParse<ProcessSortKey>(IntrospectionTermReader.TextOf(t[2]), out var key) && Enum.IsDefined(key)
                        ? key
                        : throw new FormatException("Unknown sort column."),
                    Descending = t[3] is true || (t[3] is Atom d && d == Atom.True),
                    Offset = Count(t[4], int.MaxValue),
                    Limit = Math.Max(1, Count(t[5], ProcessQuery.MaxLimit)),
                }));
            case ErlangTuple { Count: 2 } t when Is(t, IntrospectionRequests.Process):
                return introspection.GetProcess(introspection.FindProcess(Serial(t[1]))) is { } details ? IntrospectionTerms.Details(details) : Atom.Undefined;
            case ErlangTuple { Count: 2 } t when Is(t, IntrospectionRequests.Tree):
                var trees = await introspection.GetSupervisionTreeAsync(Math.Max(1, Count(t[1], IntrospectionRequests.MaxItems))).ConfigureAwait(false);
                return IntrospectionTerms.List(trees, IntrospectionTerms.Supervisor);
            case ErlangTuple { Count: 4 } t when Is(t, IntrospectionRequests.Supervisor):
                var snapshot = await introspection.GetSupervisorAsync(
                    introspection.FindProcess(Serial(t[1])), Count(t[2], int.MaxValue), Math.Max(1, Count(t[3], IntrospectionRequests.MaxItems))).ConfigureAwait(false);
                return snapshot is null ? Atom.Undefined : IntrospectionTerms.Supervisor(snapshot);
            case ErlangTuple { Count: 3 } t when Is(t, IntrospectionRequests.Kill):
                return await ActAsync(call, "kill", $"process {Serial(t[1])}", t[2], () =>
                {
                    var pid = introspection.FindProcess(Serial(t[1]));
                    if (pid.IsNone)
                    {
                        return Task.FromResult((false, "no such process"));
                    }

                    Node.Exit(pid, ExitReason.Kill);
                    return Task.FromResult((true, $"killed {pid}"));
                }).ConfigureAwait(false);
            case ErlangTuple { Count: 5 } t when Is(t, IntrospectionRequests.TerminateChild):
                var childId = IntrospectionTermReader.TextOf(t[2]);
                return await ActAsync(call, "terminate_child", $"child '{childId}' of supervisor {Serial(t[1])}", t[4], async () =>
                {
                    var supervisor = introspection.FindProcess(Serial(t[1]));
                    if (supervisor.IsNone)
                    {
                        return (false, "no such supervisor");
                    }

                    var result = await SupervisorRef.FromPid(supervisor).TerminateChildAsync(childId, ActionTimeout).ConfigureAwait(false);
                    if (result == TerminateChildResult.DynamicSupervisor && t[3] is not Atom)
                    {
                        result = await DynamicSupervisorRef.FromPid(supervisor).TerminateChildAsync(introspection.FindProcess(Serial(t[3])), ActionTimeout).ConfigureAwait(false);
                    }

                    return (result == TerminateChildResult.Terminated, result.ToString());
                }).ConfigureAwait(false);
            case ErlangTuple { Count: 4 } t when Is(t, IntrospectionRequests.RestartChild):
                var restartId = IntrospectionTermReader.TextOf(t[2]);
                return await ActAsync(call, "restart_child", $"child '{restartId}' of supervisor {Serial(t[1])}", t[3], async () =>
                {
                    var supervisor = introspection.FindProcess(Serial(t[1]));
                    if (supervisor.IsNone)
                    {
                        return (false, "no such supervisor");
                    }

                    var reference = SupervisorRef.FromPid(supervisor);
                    // A running child is terminated first, so "restart" means the same whether it runs or not.
                    await reference.TerminateChildAsync(restartId, ActionTimeout).ConfigureAwait(false);
                    var result = await reference.RestartChildAsync(restartId, ActionTimeout).ConfigureAwait(false);
                    return (result.Status is RestartChildStatus.Restarted or RestartChildStatus.Ignored, result.ToString()!);
                }).ConfigureAwait(false);
            default:
                return new ErlangTuple(Atom.Error, "unknown introspection request");
        }
    }

    protected override ValueTask TerminateAsync(ExitReason reason)
    {
        _observation?.Dispose();
        return default;
    }

    /// <summary>
    /// While another node is looking, this node counts messages and time per process (as while a local dashboard is
    /// open); a lease renewed by every request ends the observation a few seconds after the last one, so a node nobody
    /// looks at pays nothing.
    /// </summary>
    private void KeepObserved()
    {
        _lastAsked = Environment.TickCount64;
        if (_observation is null)
        {
            _observation = Node.Introspection.Observe();
            SendAfter(ObservationLease, LeaseCheck.Instance);
        }
    }

    private void EndOrRenewObservation()
    {
        var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastAsked);
        if (idle >= ObservationLease)
        {
            _observation?.Dispose();
            _observation = null;
        }
        else
        {
            SendAfter(ObservationLease - idle, LeaseCheck.Instance);
        }
    }

    private sealed class LeaseCheck
    {
        public static readonly LeaseCheck Instance = new();
    }

    /// <summary>An action: refused unless this node allows them; logged here, done or not, with who asked.</summary>
    private async Task<object> ActAsync(RemoteCall call, string action, string target, object userTerm, Func<Task<(bool Done, string Outcome)>> run)
    {
        var user = userTerm is Atom ? "anonymous" : IntrospectionTermReader.TextOf(userTerm);
        var from = call.From.Node ?? "unknown";
        if (!options.AllowDestructiveActions)
        {
            s_action(Logger, action, target, from, user, "refused: this node does not allow remote actions", null);
            return new ErlangTuple(IntrospectionRequests.Refused, $"{Node.NodeName} does not allow destructive actions from other nodes");
        }

        var (done, outcome) = await run().ConfigureAwait(false);
        s_action(Logger, action, target, from, user, outcome, null);
        return new ErlangTuple(done ? Atom.Ok : Atom.Error, outcome);
    }

    private static bool Is(ErlangTuple tuple, Atom tag) => tuple[0] is Atom a && a == tag;

    private static long Serial(object term) =>
        TermValues.TryGetInt64(term, out var serial) && serial > 0 ? serial : throw new FormatException("A process serial must be a positive integer.");

    private static int Count(object term, int max) =>
        TermValues.TryGetInt64(term, out var count) && count >= 0 ? (int)Math.Min(count, max) : throw new FormatException("A count must be a non-negative integer.");
}
