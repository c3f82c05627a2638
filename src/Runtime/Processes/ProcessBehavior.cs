using System;
using System.ComponentModel;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor;

/// <summary>
/// What a process runs: the callbacks the runtime drives. <see cref="GenServer"/> is the behaviour users extend;
/// this base only ties an instance to the process it was created in.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class ProcessBehavior
{
    private protected ProcessBehavior() => Owner = Process.TakeInitializing(GetType());

    internal Process Owner { get; }

    internal abstract ValueTask<InitResult> InitCoreAsync();

    internal abstract ValueTask HandleCoreAsync(Envelope envelope);

    /// <summary>Runs once after a successful init, once the starter has been answered (a GenServer's continue from init).</summary>
    internal virtual ValueTask AfterInitAsync() => default;

    internal abstract ValueTask TerminateCoreAsync(ExitReason reason);

    /// <summary>A short description of the state for crash reports; the type name unless overridden.</summary>
    internal virtual string DescribeState() => GetType().FullName ?? GetType().Name;

    internal static InvalidOperationException CreatedOutsideRuntime(Type type) => new(
        $"{type.FullName} is a process behaviour: it can only be created by the runtime inside a new process " +
        "(start it with GenServer.StartAsync or the generated StartAsync/ChildSpec helpers), not with 'new'.");
}
