namespace Arbor.Generators.Model;

/// <summary>
/// Everything the emitter needs for one <c>[StateMachine]</c> class, as equatable values. The client, messages and
/// start methods are those of a GenServer, so they come from a <see cref="GenServerModel"/> (<see cref="Shell"/>) whose
/// requests are the machine's call and cast events (one per event, whichever states handle it).
/// </summary>
/// <param name="Shell">Name, place, start arguments and the events as requests, for the shared emitters.</param>
/// <param name="StateType">The state enum, fully qualified.</param>
/// <param name="States">The enum's members in declaration order.</param>
/// <param name="InitialState">The state the constructor passes to the base, when it is a constant member.</param>
/// <param name="Handlers">Every handler, in declaration order.</param>
/// <param name="Rules">The class's [Postpone] and [Ignore] declarations.</param>
/// <param name="Transitions">The state changes the handlers' code makes (GoTo with a constant state), for the diagram.</param>
internal sealed record StateMachineModel(
    GenServerModel Shell,
    string StateType,
    EquatableArray<string> States,
    string? InitialState,
    EquatableArray<StateHandlerModel> Handlers,
    EquatableArray<EventRuleModel> Rules,
    EquatableArray<TransitionModel> Transitions);

/// <summary>The event kinds a state machine handler can be declared for.</summary>
internal enum StateHandlerKind
{
    Call,
    Cast,
    Info,
    Internal,
    Enter,
    StateTimeout,
    EventTimeout,
    Timeout,
}

/// <summary>One state machine handler.</summary>
/// <param name="Kind">The event kind.</param>
/// <param name="MethodName">The handler method.</param>
/// <param name="States">The states it applies to; empty for every state.</param>
/// <param name="Event">Calls and casts: the event's message class. Info and internal: the pattern type. Timeout: its name. Otherwise null.</param>
/// <param name="Request">Calls and casts: the handler's own parameters and return shape, read against the event's message.</param>
/// <param name="ArgumentType">Enter: the state type when it takes the previous state; info, internal and timeouts: the parameter's pattern type; null when it takes none.</param>
/// <param name="Returns">The handler's return shape.</param>
/// <param name="Dirty">Runs on the dirty schedulers (<c>Dirty = true</c> on the handler's attribute or on [StateMachine]).</param>
internal sealed record StateHandlerModel(
    StateHandlerKind Kind,
    string MethodName,
    EquatableArray<string> States,
    string? Event,
    RequestHandlerModel? Request,
    string? ArgumentType,
    ReturnShape Returns,
    bool Dirty);

/// <summary>A class-level [Postpone] or [Ignore] of a call or cast event in some states.</summary>
/// <param name="Postpone">True for postpone, false for ignore.</param>
/// <param name="MessageClassName">The event's message class.</param>
/// <param name="States">The states the rule covers.</param>
internal sealed record EventRuleModel(bool Postpone, string MessageClassName, EquatableArray<string> States);

/// <summary>A state change found in a handler's code: <c>GoTo(State.To)</c> while in <paramref name="From"/>.</summary>
/// <param name="From">The state the handler runs in.</param>
/// <param name="To">The state it moves to.</param>
/// <param name="Label">The event, as the diagram labels the edge.</param>
internal sealed record TransitionModel(string From, string To, string Label);

/// <summary>What parsing one <c>[StateMachine]</c> class produced.</summary>
internal sealed record StateMachineParseResult(StateMachineModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
