%% The gen_event side of the side-by-side comparison: a handler that counts what it is told, like
%% Arbor.Benchmarks.Servers.CountingHandler; the workload installs ten of them.
-module(arbor_counting_handler).
-behaviour(gen_event).
-export([init/1, handle_event/2, handle_call/2]).

init(_) -> {ok, 0}.

handle_event(By, Total) -> {ok, Total + By}.

handle_call(total, Total) -> {ok, Total, Total}.
