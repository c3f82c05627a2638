using System.Collections.Generic;
using System.Linq;
using Arbor.Introspection;

namespace Arbor.Dashboard.Api;

// The JSON the page reads: pids as text (<0.42.0>) plus their serial for links, durations in milliseconds.

/// <param name="Node">The node the dashboard runs on.</param>
/// <param name="Shown">The node the request asked about (this one, or a connected one).</param>
/// <param name="AllowActions">Whether actions on the shown node are offered: this dashboard allows them and so does that node.</param>
/// <param name="IntervalMs">The live feed's update interval.</param>
/// <param name="Nodes">This node, then the connected ones (the picker).</param>
internal sealed record ConfigDto(string Node, string Shown, bool AllowActions, int IntervalMs, IReadOnlyList<string> Nodes);

internal sealed record ProcessRowDto(
    string Pid, long Id, string? Name, string? Behavior, int Mailbox, long Handled, double BusyMs, int Links, int MonitoredBy, string? Running)
{
    public static ProcessRowDto Of(ProcessSummary s) => new(
        s.Pid.ToString(), s.Pid.Id, s.RegisteredName, s.Behavior, s.MailboxDepth, s.MessagesHandled, s.BusyTime.TotalMilliseconds, s.Links, s.MonitoredBy, s.CurrentHandler);
}

internal sealed record ProcessPageDto(int Total, IReadOnlyList<ProcessRowDto> Rows)
{
    public static ProcessPageDto Of(ProcessPage page) => new(page.Total, page.Rows.Select(ProcessRowDto.Of).ToList());
}

internal sealed record PidDto(string Pid, long Id)
{
    public static PidDto Of(Pid pid) => new(pid.ToString(), pid.Id);
}

internal sealed record ProcessDto(
    ProcessRowDto Summary,
    PidDto? Parent,
    int? MaxMailbox,
    bool TrapExit,
    IReadOnlyList<PidDto> Links,
    IReadOnlyList<PidDto> MonitoredBy,
    int Monitors,
    string? Running,
    double RunningForMs,
    string? State,
    string? LastCrash,
    string? LastCrashAt)
{
    public static ProcessDto Of(ProcessDetails d) => new(
        ProcessRowDto.Of(d.Summary),
        d.Parent.IsNone ? null : PidDto.Of(d.Parent),
        d.MaxMailboxLength,
        d.TrapExit,
        d.LinkedWith.Select(PidDto.Of).ToList(),
        d.MonitoredBy.Select(PidDto.Of).ToList(),
        d.Monitors,
        d.Running?.Handler,
        d.Running?.RunningFor.TotalMilliseconds ?? 0,
        d.State,
        d.LastCrash?.Reason,
        d.LastCrash?.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed record ChildDto(
    string Id, string? Pid, long PidId, string State, string Type, string Restart, int Restarts, string? LastExit, string? LastExitAt, SupervisorDto? Supervisor);

internal sealed record SupervisorDto(
    string Pid, long Id, string? Name, string Strategy, int MaxRestarts, double WithinMs, bool Responded, IReadOnlyList<ChildDto> Children,
    int ChildCount, int ChildOffset, int RunningCount, long TotalRestarts)
{
    public static SupervisorDto Of(SupervisorSnapshot s) => new(
        s.Pid.ToString(),
        s.Pid.Id,
        s.Name,
        s.Strategy,
        s.MaxRestarts,
        s.Within.TotalMilliseconds,
        s.Responded,
        s.Children.Select(c => new ChildDto(
            c.Id,
            c.Pid.IsNone ? null : c.Pid.ToString(),
            c.Pid.Id,
            c.State.ToString(),
            c.Type.ToString(),
            c.Restart.ToString(),
            c.Restarts,
            c.LastExit?.Reason,
            c.LastExit?.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            c.Supervisor is null ? null : Of(c.Supervisor))).ToList(),
        s.ChildCount,
        s.ChildOffset,
        s.RunningCount,
        s.TotalRestarts);
}

internal sealed record CrashDto(string At, string Kind, string Pid, long Id, string? Name, string? Behavior, string? Supervisor, string? ChildId, string Reason)
{
    public static CrashDto Of(CrashRecord c) => new(
        c.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        c.Kind.ToString(),
        c.Pid.ToString(),
        c.Pid.Id,
        c.Name,
        c.Behavior,
        c.Supervisor.IsNone ? null : c.Supervisor.ToString(),
        c.ChildId,
        c.Reason);
}

internal sealed record TickDto(NodeCounters Counters, IReadOnlyList<SupervisorDto> Tree, IReadOnlyList<CrashDto> Crashes);
