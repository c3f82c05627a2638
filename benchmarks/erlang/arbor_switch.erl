%% The gen_statem side of the side-by-side comparison: every cast changes state (off <-> on) and counts, like
%% Arbor.Benchmarks.Servers.Switch. State functions callback mode, as the Arbor machine has per-state handlers.
-module(arbor_switch).
-behaviour(gen_statem).
-export([callback_mode/0, init/1, off/3, on/3]).

callback_mode() -> state_functions.

init([]) -> {ok, off, 0}.

off(cast, {flip, By}, Flips) -> {next_state, on, Flips + By};
off({call, From}, flips, Flips) -> {keep_state_and_data, [{reply, From, Flips}]}.

on(cast, {flip, By}, Flips) -> {next_state, off, Flips + By};
on({call, From}, flips, Flips) -> {keep_state_and_data, [{reply, From, Flips}]}.
