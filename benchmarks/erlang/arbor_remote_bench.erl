%% Remote workloads for benchmarks/remote.sh: a gen_server 'sink' that counts casts and answers every call with the
%% count, and a client that measures remote cast throughput and sequential call latency against any node's 'sink'
%% (Erlang or Arbor: the same gen_server shapes).
-module(arbor_remote_bench).
-behaviour(gen_server).
-export([sink/0, run/1, init/1, handle_call/3, handle_cast/2, handle_info/2]).

sink() ->
    {ok, _} = gen_server:start({local, sink}, ?MODULE, [], []),
    io:format("ready~n"),
    receive never -> ok end.

init([]) -> {ok, 0}.
handle_cast(_, N) -> {noreply, N + 1}.
handle_call(_, _From, N) -> {reply, N, N}.
handle_info(_, N) -> {noreply, N}.

%% run([Node, Casts, Calls, Label]): prints "Label_cast <rate> msgs/s" and "Label_call <us> us/call", then halts.
run([NodeS, CastsS, CallsS, Label]) ->
    Target = {sink, list_to_atom(NodeS)},
    Casts = list_to_integer(CastsS),
    Calls = list_to_integer(CallsS),
    Base = gen_server:call(Target, count, 30000),
    [gen_server:call(Target, warm) || _ <- lists:seq(1, 200)],
    T0 = erlang:monotonic_time(microsecond),
    [gen_server:cast(Target, tick) || _ <- lists:seq(1, Casts)],
    wait(Target, Base + Casts),
    T1 = erlang:monotonic_time(microsecond),
    [gen_server:call(Target, ping) || _ <- lists:seq(1, Calls)],
    T2 = erlang:monotonic_time(microsecond),
    io:format("~s_cast ~w msgs/s~n", [Label, round(Casts / ((T1 - T0) / 1.0e6))]),
    io:format("~s_call ~.1f us/call~n", [Label, (T2 - T1) / Calls]),
    halt().

wait(Target, Want) ->
    case gen_server:call(Target, count, 30000) of
        N when N >= Want -> ok;
        _ -> wait(Target, Want)
    end.
