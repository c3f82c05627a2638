using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing.StateMachines;

/// <summary>
/// Reads each state machine handler (its kind, states and signature) and, once all are read, builds their models in
/// the order the dispatch tests them. Holds symbols only while the parser runs.
/// </summary>
internal sealed class StateHandlerCollector
{
    private readonly INamedTypeSymbol _type;
    private readonly INamedTypeSymbol _stateEnum;
    private readonly StateSet _states;
    private readonly KnownTypes _known;
    private readonly HandlerParser _handlers;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, RequestDraft> _firstOfEvent = new(StringComparer.Ordinal);
    private readonly List<PendingRequest> _requests = new();
    private readonly List<PendingMessage> _messages = new();
    private readonly List<PendingSimple> _simple = new();
    private readonly HashSet<IMethodSymbol> _dirty = new(SymbolEqualityComparer.Default);

    public StateHandlerCollector(INamedTypeSymbol type, INamedTypeSymbol stateEnum, StateSet states, KnownTypes known, HandlerParser handlers, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _type = type;
        _stateEnum = stateEnum;
        _states = states;
        _known = known;
        _handlers = handlers;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>True when the class's [StateMachine] sets <c>Dirty = true</c>: every handler runs on the dirty schedulers.</summary>
    public bool ClassDirty { get; init; }

    /// <summary>The first handler of each call and cast event, in declaration order: they define the events' messages and client methods.</summary>
    public List<RequestDraft> EventDrafts { get; } = new();

    /// <summary>Every accepted handler method, with what the diagram and the enter check need to know about it.</summary>
    public Dictionary<IMethodSymbol, (StateHandlerKind Kind, List<string> States, string Label)> Handled { get; } = new(SymbolEqualityComparer.Default);

    public void Add(IMethodSymbol method, AttributeData attribute)
    {
        var where = new DeclarationLocations(method, _cancellationToken);
        var attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken)) ?? where.Name;
        var kind = KindOf(attribute.AttributeClass?.Name);
        if (kind is null || attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length == 0)
        {
            return;
        }

        if (method.MethodKind != MethodKind.Ordinary)
        {
            Report(DiagnosticDescriptors.InvalidHandlerSignature, attributeLocation, method.Name, "only ordinary methods can be handlers");
            return;
        }

        if (ClassDirty || GenServerParser.IsDirty(attribute))
        {
            _dirty.Add(method);
        }

        var arguments = attribute.ConstructorArguments;
        var timeoutName = kind == StateHandlerKind.Timeout ? arguments[0].Value as string : null;
        if (kind == StateHandlerKind.Timeout && string.IsNullOrEmpty(timeoutName))
        {
            Report(DiagnosticDescriptors.InvalidHandlerSignature, attributeLocation, method.Name, "an [OnTimeout] names the generic timeout it handles");
            return;
        }

        var states = new List<string>();
        if (!_states.TryRead(arguments[arguments.Length - 1], states, out var problem))
        {
            Report(DiagnosticDescriptors.InvalidStateMachine, attributeLocation, _type.Name, $"the handler '{method.Name}' names the state {problem}, which is not a member of {TypeNames.Short(_stateEnum)}");
            return;
        }

        switch (kind.Value)
        {
            case StateHandlerKind.Call:
            case StateHandlerKind.Cast:
                AddRequest(method, attribute, kind.Value, states, attributeLocation);
                break;
            case StateHandlerKind.Info:
            case StateHandlerKind.Internal:
                if (_handlers.ParseMessageHandler(method, kind == StateHandlerKind.Info ? "OnInfo" : "OnInternal") is { } draft)
                {
                    _messages.Add(new PendingMessage(kind.Value, draft, states));
                    Handled[method] = (kind.Value, states, TypeNames.Short(draft.MessageType));
                }

                break;
            default:
                AddSimple(method, kind.Value, timeoutName, states, where);
                break;
        }
    }

    /// <summary>The class's [Postpone] and [Ignore] rules, resolved to the events' message classes.</summary>
    public List<EventRuleModel> ReadRules(IEnumerable<AttributeData> classAttributes, EquatableArray<RequestHandlerModel> events)
    {
        var rules = new List<EventRuleModel>();
        foreach (var attribute in classAttributes)
        {
            var postpone = attribute.AttributeClass?.ToDisplayString() == "Arbor.StateMachines.PostponeAttribute";
            if (!postpone && attribute.AttributeClass?.ToDisplayString() != "Arbor.StateMachines.IgnoreAttribute")
            {
                continue;
            }

            if (attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[0].Value is not string eventName)
            {
                continue;
            }

            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken));
            var states = new List<string>();
            if (!_states.TryRead(attribute.ConstructorArguments[1], states, out var problem))
            {
                Report(DiagnosticDescriptors.InvalidStateMachine, location, _type.Name, $"a [{(postpone ? "Postpone" : "Ignore")}] names the state {problem}, which is not a member of {TypeNames.Short(_stateEnum)}");
                continue;
            }

            var matching = EventDrafts.Where(draft => draft.BaseName == eventName).Select(draft => EventOf(draft, events)).Where(model => model is not null).ToList();
            if (matching.Count == 0)
            {
                Report(DiagnosticDescriptors.ConflictingStateHandlers, location, _type.Name, $"[{(postpone ? "Postpone" : "Ignore")}] names '{eventName}', which is no call or cast event of this machine");
                continue;
            }

            foreach (var model in matching)
            {
                rules.Add(new EventRuleModel(postpone, model!.MessageClassName, EquatableArray.From(states)));
            }
        }

        return rules;
    }

    /// <summary>All handler models, grouped by kind, each group in the order the dispatch must test them.</summary>
    public List<StateHandlerModel> BuildHandlers(EquatableArray<RequestHandlerModel> events, Compilation compilation)
    {
        var models = new List<StateHandlerModel>();
        foreach (var pending in _requests)
        {
            if (EventOf(_firstOfEvent[pending.EventKey], events) is not { } model)
            {
                continue;
            }

            var request = new RequestHandlerModel(pending.Draft.Kind, TypeNames.Identifier(pending.Draft.Method.Name), model.ClientName, model.MessageClassName, model.DisplayName, EquatableArray.From(pending.Draft.Parameters), model.ResultType, pending.Draft.Returns, null, Dirty: false);
            models.Add(new StateHandlerModel(pending.Draft.Kind == RequestKind.Call ? StateHandlerKind.Call : StateHandlerKind.Cast, request.MethodName, EquatableArray.From(pending.States), model.MessageClassName, request, null, pending.Draft.Returns, _dirty.Contains(pending.Draft.Method)));
        }

        foreach (var kind in new[] { StateHandlerKind.Info, StateHandlerKind.Internal })
        {
            var ofKind = _messages.Where(message => message.Kind == kind).ToList();
            var ordered = MessageTypeOrdering.MostSpecificFirst(ofKind.Select(message => message.Draft).ToList(), compilation);
            foreach (var draft in ordered)
            {
                var message = ofKind.First(candidate => ReferenceEquals(candidate.Draft, draft));
                var handler = draft.ToModel();
                models.Add(new StateHandlerModel(kind, handler.MethodName, EquatableArray.From(message.States), handler.PatternType, null, handler.PatternType, handler.Returns, _dirty.Contains(draft.Method)));
            }
        }

        foreach (var simple in _simple)
        {
            models.Add(new StateHandlerModel(simple.Kind, TypeNames.Identifier(simple.Method.Name), EquatableArray.From(simple.States), simple.TimeoutName, null, simple.ArgumentType, simple.Returns, _dirty.Contains(simple.Method)));
        }

        // The dispatch tests handlers of one kind in this order: per event (or message type, most specific first), a
        // handler for named states before one for every state, and untyped timeout handlers after typed ones — C#
        // rejects a case that an earlier unconditional case already covers.
        var groups = new List<(StateHandlerKind, string?, string?)>();
        var ordering = models.Select((model, index) => (model, index))
            .OrderBy(pair => pair.model.Kind)
            .ThenBy(pair => IsTimeout(pair.model.Kind) && pair.model.ArgumentType is null ? 1 : 0)
            .ThenBy(pair => Rank(groups, (pair.model.Kind, pair.model.Event, pair.model.ArgumentType)))
            .ThenBy(pair => pair.model.States.Count == 0 ? 1 : 0)
            .ThenBy(pair => pair.index)
            .Select(pair => pair.model)
            .ToList();
        ReportOverlaps(ordering);
        AllHandlers = ordering;
        return ordering.Where(model => !_dropped.Contains(model)).ToList();
    }

    /// <summary>
    /// Every handler model, including those left out of the dispatch for a conflict: they still say which states the
    /// user meant to cover, so the exhaustiveness check does not pile a second report on the first.
    /// </summary>
    public List<StateHandlerModel> AllHandlers { get; private set; } = new();

    /// <summary>Where an event's first handler is declared, for diagnostics about the event.</summary>
    public LocationInfo? LocationOf(RequestHandlerModel eventModel) =>
        EventDrafts.FirstOrDefault(draft => draft.ClientName == eventModel.ClientName && draft.Kind == eventModel.Kind)?.Location;

    private readonly HashSet<StateHandlerModel> _dropped = new();

    private static StateHandlerKind? KindOf(string? attributeName) => attributeName switch
    {
        "OnCallAttribute" => StateHandlerKind.Call,
        "OnCastAttribute" => StateHandlerKind.Cast,
        "OnInfoAttribute" => StateHandlerKind.Info,
        "OnInternalAttribute" => StateHandlerKind.Internal,
        "OnEnterAttribute" => StateHandlerKind.Enter,
        "OnStateTimeoutAttribute" => StateHandlerKind.StateTimeout,
        "OnEventTimeoutAttribute" => StateHandlerKind.EventTimeout,
        "OnTimeoutAttribute" => StateHandlerKind.Timeout,
        _ => null,
    };

    private static string Label(StateHandlerKind kind, string? timeoutName) => kind switch
    {
        StateHandlerKind.StateTimeout => "state timeout",
        StateHandlerKind.EventTimeout => "event timeout",
        StateHandlerKind.Timeout => "timeout " + timeoutName,
        _ => "enter",
    };

    private static bool IsTimeout(StateHandlerKind kind) => kind is StateHandlerKind.StateTimeout or StateHandlerKind.EventTimeout or StateHandlerKind.Timeout;

    /// <summary>The position of a group's first member in declaration (or most-specific-type) order.</summary>
    private static int Rank(List<(StateHandlerKind, string?, string?)> groups, (StateHandlerKind, string?, string?) group)
    {
        var index = groups.IndexOf(group);
        if (index < 0)
        {
            groups.Add(group);
            index = groups.Count - 1;
        }

        return index;
    }

    private static bool Overlap(EquatableArray<string> a, EquatableArray<string> b) =>
        a.Count == 0 || b.Count == 0 ? a.Count == 0 && b.Count == 0 : a.Any(state => b.Contains(state));

    private void AddRequest(IMethodSymbol method, AttributeData attribute, StateHandlerKind kind, List<string> states, LocationInfo? attributeLocation)
    {
        var eventName = attribute.NamedArguments.FirstOrDefault(argument => argument.Key == "Event").Value.Value as string;
        var requestKind = kind == StateHandlerKind.Call ? RequestKind.Call : RequestKind.Cast;
        if (_handlers.ParseRequest(method, requestKind, eventName, attributeLocation) is not { } draft)
        {
            return;
        }

        var key = requestKind + ":" + draft.BaseName;
        if (_firstOfEvent.TryGetValue(key, out var first))
        {
            if (first.SignatureKey != draft.SignatureKey || first.ResultType != draft.ResultType)
            {
                Report(DiagnosticDescriptors.ConflictingStateHandlers, draft.Location, method.Name,
                    $"it handles the {requestKind.ToString().ToLowerInvariant()} '{draft.BaseName}' with a different signature from '{first.Method.Name}'; every handler of one event takes the same parameters (and replies the same type)");
                return;
            }
        }
        else
        {
            _firstOfEvent.Add(key, draft);
            EventDrafts.Add(draft);
        }

        _requests.Add(new PendingRequest(draft, states, key));
        Handled[method] = (kind, states, draft.BaseName);
    }

    private void AddSimple(IMethodSymbol method, StateHandlerKind kind, string? timeoutName, List<string> states, DeclarationLocations where)
    {
        if (!_handlers.CheckParameters(method, where))
        {
            return;
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            Report(DiagnosticDescriptors.AsyncVoidHandler, where.Name, method.Name);
            return;
        }

        var returns = ReturnShapes.Classify(method, _known, out _);
        if (ReturnShapes.ProducesValue(returns))
        {
            Report(DiagnosticDescriptors.HandlerReturnsValue, where.ReturnType, "On" + kind, method.Name, TypeNames.Short(method.ReturnType));
            return;
        }

        string? argumentType = null;
        if (method.Parameters.Length > 1)
        {
            Report(DiagnosticDescriptors.InvalidHandlerSignature, where.ParameterList, method.Name, kind == StateHandlerKind.Enter
                ? "an [OnEnter] handler takes no parameters, or the previous state"
                : "a timeout handler takes no parameters, or the timeout's content");
            return;
        }

        if (method.Parameters.Length == 1)
        {
            var parameterType = method.Parameters[0].Type;
            if (kind == StateHandlerKind.Enter && !SymbolEqualityComparer.Default.Equals(parameterType, _stateEnum))
            {
                Report(DiagnosticDescriptors.InvalidHandlerSignature, where.Parameter(0), method.Name, $"an [OnEnter] handler's parameter is the previous state, a {TypeNames.Short(_stateEnum)}");
                return;
            }

            if (parameterType.TypeKind is TypeKind.Error or TypeKind.Dynamic)
            {
                return;
            }

            argumentType = kind == StateHandlerKind.Enter ? TypeNames.Qualified(_stateEnum) : TypeNames.Pattern(parameterType);
        }

        _simple.Add(new PendingSimple(kind, method, states, timeoutName, argumentType, returns));
        Handled[method] = (kind, states, Label(kind, timeoutName));
    }

    private RequestHandlerModel? EventOf(RequestDraft draft, EquatableArray<RequestHandlerModel> events) =>
        events.FirstOrDefault(model => model.ClientName == draft.ClientName && model.Kind == draft.Kind);

    private void ReportOverlaps(List<StateHandlerModel> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var (earlier, later) = (ordered[j], ordered[i]);
                if (earlier.Kind == later.Kind && earlier.Event == later.Event && earlier.ArgumentType == later.ArgumentType
                    && Overlap(earlier.States, later.States) && !_dropped.Contains(earlier))
                {
                    var where = earlier.States.Count == 0 ? "every state" : "state " + string.Join(", ", earlier.States.Where(state => later.States.Contains(state)));
                    Report(DiagnosticDescriptors.ConflictingStateHandlers, LocationOfMethod(later.MethodName), later.MethodName, $"'{earlier.MethodName}' already handles this event in {where}");
                    _dropped.Add(later);
                    break;
                }
            }
        }
    }

    private LocationInfo? LocationOfMethod(string name) =>
        LocationInfo.From(_type.GetMembers(name.TrimStart('@')).FirstOrDefault()?.Locations.FirstOrDefault());

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    private sealed record PendingRequest(RequestDraft Draft, List<string> States, string EventKey);

    private sealed record PendingMessage(StateHandlerKind Kind, MessageHandlerDraft Draft, List<string> States);

    private sealed record PendingSimple(StateHandlerKind Kind, IMethodSymbol Method, List<string> States, string? TimeoutName, string? ArgumentType, ReturnShape Returns);
}
