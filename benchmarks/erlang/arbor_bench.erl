%% The side-by-side workloads, written as an ordinary gen_server: the Erlang/OTP baseline Arbor measures itself against.
%% Run: erlc arbor_bench.erl && erl -noshell -eval 'arbor_bench:main(["quick"])' -s init stop
%% Prints one line per workload: "<name> <value> <unit>", the median of several rounds.
-module(arbor_bench).
-behaviour(gen_server).

-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% ---- the servers -------------------------------------------------------------------------------------------------

init(accumulator) -> {ok, 0};
init(ponger) -> {ok, ponger};
init(pinger) -> {ok, idle};
init(idle) -> {ok, idle}.

handle_call(total, _From, Total) -> {reply, Total, Total};
handle_call(alive, _From, State) -> {reply, true, State}.

handle_cast({bump, Amount}, Total) -> {noreply, Total + Amount};
handle_cast({ping, From}, ponger) ->
    gen_server:cast(From, pong),
    {noreply, ponger};
handle_cast({serve, Partner, Rounds, ReplyTo}, idle) ->
    gen_server:cast(Partner, {ping, self()}),
    {noreply, {Partner, Rounds, ReplyTo}};
handle_cast(pong, {_Partner, 1, ReplyTo}) ->
    ReplyTo ! rally_done,
    {noreply, idle};
handle_cast(pong, {Partner, Remaining, ReplyTo}) ->
    gen_server:cast(Partner, {ping, self()}),
    {noreply, {Partner, Remaining - 1, ReplyTo}}.

handle_info(_Message, State) -> {noreply, State}.

%% ---- the workloads -----------------------------------------------------------------------------------------------

cast(Server, Casts) ->
    cast_loop(Server, Casts),
    gen_server:call(Server, total, infinity).

cast_loop(_Server, 0) -> ok;
cast_loop(Server, N) ->
    gen_server:cast(Server, {bump, 1}),
    cast_loop(Server, N - 1).

call(_Server, 0) -> ok;
call(Server, N) ->
    gen_server:call(Server, total),
    call(Server, N - 1).

ping_pong(Pinger, Ponger, Rounds) ->
    gen_server:cast(Pinger, {serve, Ponger, Rounds, self()}),
    receive rally_done -> ok end.

fan_in(Server, Producers, Casts) ->
    Self = self(),
    PerProducer = Casts div Producers,
    [spawn_link(fun() -> cast_loop(Server, PerProducer), Self ! produced end) || _ <- lists:seq(1, Producers)],
    [receive produced -> ok end || _ <- lists:seq(1, Producers)],
    gen_server:call(Server, total, infinity).

statem_cast(Machine, Casts) ->
    statem_cast_loop(Machine, Casts),
    gen_statem:call(Machine, flips, infinity).

statem_cast_loop(_Machine, 0) -> ok;
statem_cast_loop(Machine, N) ->
    gen_statem:cast(Machine, {flip, 1}),
    statem_cast_loop(Machine, N - 1).

statem_call(_Machine, 0) -> ok;
statem_call(Machine, N) ->
    gen_statem:call(Machine, flips),
    statem_call(Machine, N - 1).

notify(Manager, 0) -> gen_event:sync_notify(Manager, 0);
notify(Manager, N) ->
    gen_event:notify(Manager, 1),
    notify(Manager, N - 1).

spawn_idle(Count) ->
    [begin {ok, Pid} = gen_server:start(?MODULE, idle, []), Pid end || _ <- lists:seq(1, Count)].

%% ---- measuring ---------------------------------------------------------------------------------------------------

rate(Rounds, Operations, Workload) ->
    Workload(),
    Rates = [begin
                 Start = erlang:monotonic_time(nanosecond),
                 Workload(),
                 Elapsed = erlang:monotonic_time(nanosecond) - Start,
                 Operations * 1.0e9 / Elapsed
             end || _ <- lists:seq(1, Rounds)],
    lists:nth(Rounds div 2 + 1, lists:sort(Rates)).

spawn_measure(Count) ->
    erlang:garbage_collect(),
    Before = erlang:memory(processes),
    Start = erlang:monotonic_time(nanosecond),
    Pids = spawn_idle(Count),
    Elapsed = erlang:monotonic_time(nanosecond) - Start,
    After = erlang:memory(processes),
    [exit(Pid, kill) || Pid <- Pids],
    {Count * 1.0e9 / Elapsed, (After - Before) / Count}.

main(Args) ->
    Scale = case Args of
                ["quick" | _] -> 0.2;
                [Number | _] -> list_to_float(Number);
                [] -> 1.0
            end,
    Casts = round(10000000 * Scale),
    Calls = round(1000000 * Scale),
    Spawns = round(1000000 * Scale),
    Rounds = 5,
    {ok, Accumulator} = gen_server:start(?MODULE, accumulator, []),
    {ok, Pinger} = gen_server:start(?MODULE, pinger, []),
    {ok, Ponger} = gen_server:start(?MODULE, ponger, []),
    report("cast", rate(Rounds, Casts, fun() -> cast(Accumulator, Casts) end), "msgs/s"),
    report("call", rate(Rounds, Calls, fun() -> call(Accumulator, Calls) end), "calls/s"),
    report("ping-pong", rate(Rounds, Calls, fun() -> ping_pong(Pinger, Ponger, Calls) end), "round-trips/s"),
    report("fan-in", rate(Rounds, Casts, fun() -> fan_in(Accumulator, 4, Casts) end), "msgs/s"),
    StateMachineEvents = round(2000000 * Scale),
    {ok, Switch} = gen_statem:start(arbor_switch, [], []),
    report("statem-cast", rate(Rounds, StateMachineEvents, fun() -> statem_cast(Switch, StateMachineEvents) end), "msgs/s"),
    report("statem-call", rate(Rounds, Calls, fun() -> statem_call(Switch, Calls) end), "calls/s"),
    Notifications = round(1000000 * Scale),
    {ok, Manager} = gen_event:start(),
    [ok = gen_event:add_handler(Manager, {arbor_counting_handler, I}, []) || I <- lists:seq(1, 10)],
    report("notify-10", rate(Rounds, Notifications, fun() -> notify(Manager, Notifications) end), "events/s"),
    {SpawnRate, BytesPerProcess} = spawn_measure(Spawns),
    report("spawn", SpawnRate, "processes/s"),
    report("process-memory", BytesPerProcess, "bytes/process").

report(Name, Value, Unit) ->
    io:format("~s ~.1f ~s~n", [Name, float(Value), Unit]).
