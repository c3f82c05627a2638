%% The Erlang anchor of benchmarks/cluster.sh: on a three-node cluster (this node and two peers), a local whereis
%% against global:whereis_name (both read local tables), and the latency of global:register_name/2 and
%% global:unregister_name/1, sequential, one name at a time. Prints lines in the Arbor run's format.
-module(arbor_cluster_bench).
-export([run/1]).

run([Peer1, Peer2, LookupsText, RegistrationsText]) ->
    Lookups = list_to_integer(LookupsText),
    Registrations = list_to_integer(RegistrationsText),
    true = net_kernel:connect_node(list_to_atom(Peer1)),
    true = net_kernel:connect_node(list_to_atom(Peer2)),
    ok = global:sync(),
    true = register(bench_local, self()),
    yes = global:register_name(bench_global, self()),
    report("erlang_whereis_local", lookups(Lookups, fun() -> whereis(bench_local) end), "ns"),
    report("erlang_whereis_global", lookups(Lookups, fun() -> global:whereis_name(bench_global) end), "ns"),
    %% global holds one name per process: each name gets a process of its own, spawned before the clock starts.
    Holders = [{{bench, I}, spawn(fun() -> receive stop -> ok end end)} || I <- lists:seq(1, Registrations)],
    Names = [Name || {Name, _} <- Holders],
    T0 = erlang:monotonic_time(nanosecond),
    [yes = global:register_name(Name, Pid) || {Name, Pid} <- Holders],
    T1 = erlang:monotonic_time(nanosecond),
    [_ = global:unregister_name(Name) || Name <- Names],
    T2 = erlang:monotonic_time(nanosecond),
    report("erlang_global_register", (T1 - T0) / Registrations / 1000, "us"),
    report("erlang_global_unregister", (T2 - T1) / Registrations / 1000, "us"),
    halt(0).

lookups(N, Lookup) ->
    loop(100000, Lookup),
    T0 = erlang:monotonic_time(nanosecond),
    loop(N, Lookup),
    (erlang:monotonic_time(nanosecond) - T0) / N.

loop(0, _) -> ok;
loop(N, Lookup) -> Lookup(), loop(N - 1, Lookup).

report(Label, Value, Unit) ->
    io:format("~s ~.1f ~s~n", [Label, float(Value), Unit]).
