using System;

namespace Arbor.StateMachines;

/// <summary>
/// Marks a <c>partial</c> class deriving from <see cref="StateMachine{TState}"/> (with an enum <c>TState</c>) whose
/// handlers the generator routes by state and event: it writes the dispatch, a typed client (calls and casts as for a
/// GenServer), start methods, a child spec and a Mermaid diagram of the machine (<c>Diagram</c>). It also checks that
/// every state handles, postpones or ignores every call and cast.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class StateMachineAttribute : Attribute
{
    /// <summary>
    /// Runs every handler of this machine (events, enter calls, timeouts) on the node's dirty schedulers instead of the
    /// scheduler threads ordinary processes share: for a machine whose work is long CPU-bound or blocking. Init and
    /// terminate run as usual. See <see cref="StateHandlerAttribute.Dirty"/>.
    /// </summary>
    public bool Dirty { get; set; }
}
