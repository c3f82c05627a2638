namespace Arbor.Generators.Emitting;

/// <summary>Fully qualified names of the runtime and BCL types the generated code uses.</summary>
internal static class Names
{
    public const string GenServer = "global::Arbor.GenServer";
    public const string StateMachine = "global::Arbor.StateMachines.StateMachine";
    public const string StateMachineEvent = "global::Arbor.StateMachines.StateMachineEvent";
    public const string EventKind = "global::Arbor.StateMachines.EventKind";
    public const string ArborNode = "global::Arbor.ArborNode";
    public const string Pid = "global::Arbor.Pid";
    public const string StartOptions = "global::Arbor.StartOptions";
    public const string ChildSpec = "global::Arbor.ChildSpec";
    public const string Restart = "global::Arbor.Restart";
    public const string Shutdown = "global::Arbor.Shutdown";
    public const string ExitReason = "global::Arbor.ExitReason";
    public const string ProcessRef = "global::Arbor.IProcessRef";
    public const string CallMessage = "global::Arbor.Protocol.CallMessage";
    public const string CastMessage = "global::Arbor.Protocol.CastMessage";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string TimeSpan = "global::System.TimeSpan";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string EditorBrowsableNever = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Arbor.Generators\", \"0.1.0\")]";

    /// <summary>The nested class that holds a server's message classes, out of the way of the user's own members.</summary>
    public const string MessagesClass = "ArborMessages";
}
