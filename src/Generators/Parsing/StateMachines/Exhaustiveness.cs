using System.Collections.Generic;
using System.Linq;
using Arbor.Generators.Diagnostics;
using Arbor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Arbor.Generators.Parsing.StateMachines;

/// <summary>
/// The check no other state machine library makes: every call and cast event is handled, postponed or explicitly
/// ignored in every state. An event a state does not account for would crash the machine when it arrives there.
/// </summary>
internal static class Exhaustiveness
{
    public static void Check(INamedTypeSymbol type, EquatableArray<RequestHandlerModel> events, List<StateHandlerModel> handlers, List<EventRuleModel> rules, IReadOnlyList<string> states, StateHandlerCollector collector, List<DiagnosticInfo> diagnostics)
    {
        foreach (var eventModel in events)
        {
            var handledIn = new HashSet<string>();
            var everywhere = false;
            foreach (var handler in handlers.Where(handler => handler.Event == eventModel.MessageClassName && handler.Kind is StateHandlerKind.Call or StateHandlerKind.Cast))
            {
                everywhere |= handler.States.Count == 0;
                handledIn.UnionWith(handler.States);
            }

            var location = collector.LocationOf(eventModel);
            var eventName = eventModel.DisplayName.Substring(type.Name.Length + 1);
            foreach (var rule in rules.Where(rule => rule.MessageClassName == eventModel.MessageClassName))
            {
                foreach (var state in rule.States.Where(state => handledIn.Contains(state)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingStateHandlers, location, eventName,
                        $"it has a handler for state {state} and is also {(rule.Postpone ? "postponed" : "ignored")} there; keep one"));
                }
            }

            if (everywhere)
            {
                continue;
            }

            var covered = new HashSet<string>(handledIn);
            foreach (var rule in rules.Where(rule => rule.MessageClassName == eventModel.MessageClassName))
            {
                covered.UnionWith(rule.States);
            }

            var missing = states.Where(state => !covered.Contains(state)).ToList();
            if (missing.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnhandledEvent, location, eventName, string.Join(", ", missing)));
            }
        }
    }
}
