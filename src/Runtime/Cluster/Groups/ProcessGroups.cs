using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Cluster.Groups;

namespace Arbor.Cluster;

/// <summary>
/// A scope of process groups (OTP <c>pg</c>): named groups of processes across every connected node that runs the same
/// scope — Arbor or Erlang, since the scopes speak pg's own messages. Any process (or code outside processes) can join
/// local processes to a group and make them leave; members are read locally without a round trip; a member leaves on
/// exit and when its node is lost. Membership is eventually consistent: a join is visible on other nodes once its
/// message arrives. Groups are Erlang terms (a C# string is a binary, <c>Atom.Of("g")</c> an atom). See <c>docs/cluster.md</c>.
/// </summary>
public sealed class ProcessGroups
{
    private volatile GroupView _view = GroupView.Empty;

    private ProcessGroups(string scope) => Scope = scope;

    /// <summary>The default scope's name, as Erlang's (<c>pg:start_link()</c> registers <c>pg</c>).</summary>
    public const string DefaultScope = "pg";

    /// <summary>The scope's name: its process is registered under it on every node.</summary>
    public string Scope { get; }

    /// <summary>The scope process.</summary>
    public Pid Pid { get; private set; }

    internal GroupView View
    {
        get => _view;
        set => _view = value;
    }

    /// <summary>
    /// Starts the scope <paramref name="scope"/> on <paramref name="node"/>, or returns it if it runs already (OTP
    /// <c>pg:start_link(Scope)</c>). It discovers the same scope on every connected node and on nodes that connect later.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another process holds the name <paramref name="scope"/>.</exception>
    public static async Task<ProcessGroups> StartAsync(ArborNode node, string scope = DefaultScope)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var key = "pg:" + scope;
        if (node.ClusterParts.TryGetValue(key, out var existing) && existing is ProcessGroups { Pid.IsAlive: true } running)
        {
            return running;
        }

        var groups = new ProcessGroups(scope);
        var started = await GenServer.StartAsync(node, () => new ProcessGroupScope(groups), new StartOptions { Name = scope }).ConfigureAwait(false);
        if (!started.IsStarted)
        {
            throw new InvalidOperationException($"Cannot start process-group scope '{scope}': {started}.");
        }

        groups.Pid = started.Pid;
        node.ClusterParts[key] = groups;
        return groups;
    }

    /// <summary>Joins local <paramref name="pids"/> to <paramref name="group"/> (OTP <c>pg:join/3</c>); a process may join a group more than once.</summary>
    /// <exception cref="ArgumentException">A pid is not a live local process, or the group is null.</exception>
    public async Task JoinAsync(object group, params Pid[] pids)
    {
        ArgumentNullException.ThrowIfNull(group);
        await GenServer.CallAsync(Pid, new JoinCall(group, CheckLocal(pids)), Timeout.InfiniteTimeSpan).ConfigureAwait(false);
    }

    /// <summary>Makes local <paramref name="pids"/> leave <paramref name="group"/> once each (OTP <c>pg:leave/3</c>); false when none was a member.</summary>
    public async Task<bool> LeaveAsync(object group, params Pid[] pids)
    {
        ArgumentNullException.ThrowIfNull(group);
        return await GenServer.CallAsync(Pid, new LeaveGroupCall(group, CheckLocal(pids)), Timeout.InfiniteTimeSpan).ConfigureAwait(false);
    }

    /// <summary>Every member of <paramref name="group"/> on every node (OTP <c>pg:get_members/2</c>), a local read.</summary>
    public IReadOnlyList<Pid> GetMembers(object group) => GroupView.Read(_view.All, group);

    /// <summary>The members of <paramref name="group"/> on this node (OTP <c>pg:get_local_members/2</c>).</summary>
    public IReadOnlyList<Pid> GetLocalMembers(object group) => GroupView.Read(_view.Local, group);

    /// <summary>Every group with at least one member (OTP <c>pg:which_groups/1</c>); empty groups do not exist, as in pg.</summary>
    public IReadOnlyList<object> WhichGroups() => [.. _view.All.Keys];

    /// <summary>
    /// Sends <paramref name="watcher"/> a <see cref="GroupJoined"/> or <see cref="GroupLeft"/> for every change of
    /// <paramref name="group"/> (OTP <c>pg:monitor/2</c>) until it exits or demonitors; returns the members now.
    /// </summary>
    public async Task<IReadOnlyList<Pid>> MonitorAsync(Pid watcher, object group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return await GenServer.CallAsync(Pid, new MonitorGroupCall(CheckLocal([watcher])[0], group, monitor: true), Timeout.InfiniteTimeSpan).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="MonitorAsync"/> for every group of the scope (OTP <c>pg:monitor_scope/1</c>).</summary>
    public async Task MonitorScopeAsync(Pid watcher) =>
        await GenServer.CallAsync(Pid, new MonitorGroupCall(CheckLocal([watcher])[0], null, monitor: true), Timeout.InfiniteTimeSpan).ConfigureAwait(false);

    /// <summary>Stops the change messages of <see cref="MonitorAsync"/> (or, with a null group, <see cref="MonitorScopeAsync"/>).</summary>
    public async Task DemonitorAsync(Pid watcher, object? group) =>
        await GenServer.CallAsync(Pid, new MonitorGroupCall(watcher, group, monitor: false), Timeout.InfiniteTimeSpan).ConfigureAwait(false);

    private static Pid[] CheckLocal(Pid[] pids)
    {
        ArgumentNullException.ThrowIfNull(pids);
        foreach (var pid in pids)
        {
            if (pid.Process is null)
            {
                throw new ArgumentException($"{pid} is not a local process: only processes of this node can join or leave its scope (as in pg).", nameof(pids));
            }
        }

        return pids;
    }
}
