%% The side-by-side workloads, written as an ordinary gen_server: the Erlang/OTP baseline Arbor measures itself against.
%% Run: erlc arbor_bench.erl && erl -noshell +P 4000000 -eval 'arbor_bench:main(["run", "0.2", "3"])' -s init stop
%%  and, in a fresh VM: erl -noshell +P 4000000 -eval 'arbor_bench:main(["memory", "200000"])' -s init stop
%% Prints one line per workload: "<name> <value> <unit>", the median of several rounds. The .NET runtimes run the same
%% workloads with the same counts, warm-up and rounds (benchmarks/Comparison/ComparisonRun.cs).
%% The scheduling scenario (issue 12, benchmarks/starvation.sh): main(["starvation", "spin" | "sleep", Busy, HoldMs]) --
%% Busy servers spin (or sleep) for HoldMs while the caller measures an idle server's call latency, a 5 s call timeout
%% and process starts.
-module(arbor_bench).
-behaviour(gen_server).

-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% ---- the servers -------------------------------------------------------------------------------------------------

init(accumulator) -> {ok, 0};
init(ponger) -> {ok, ponger};
init(pinger) -> {ok, idle};
init(idle) -> {ok, idle};
init(hog) -> {ok, hog}.

handle_call(total, _From, Total) -> {reply, Total, Total};
handle_call(alive, _From, State) -> {reply, true, State}.

handle_cast({bump, Amount}, Total) -> {noreply, Total + Amount};
handle_cast({spin, Ms}, hog) ->
    spin_until(erlang:monotonic_time(millisecond) + Ms),
    {noreply, hog};
handle_cast({block, Ms}, hog) ->
    timer:sleep(Ms),
    {noreply, hog};
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

%% A hot loop: the BEAM preempts it after its reduction budget like any other code.
spin_until(Deadline) ->
    case erlang:monotonic_time(millisecond) >= Deadline of
        true -> ok;
        false -> spin_until(Deadline)
    end.

starvation(Mode, Busy, HoldMs) ->
    Now = fun() -> erlang:monotonic_time(microsecond) / 1000.0 end,
    {ok, Idle} = gen_server:start(?MODULE, idle, []),
    {ok, Blocker} = gen_server:start(?MODULE, hog, []),
    Hogs = [begin {ok, Pid} = gen_server:start(?MODULE, hog, []), Pid end || _ <- lists:seq(1, Busy)],
    [gen_server:call(Idle, alive) || _ <- lists:seq(1, 10000)],
    Start = Now(),
    Work = case Mode of "sleep" -> block; _ -> spin end,
    [gen_server:cast(Hog, {Work, HoldMs}) || Hog <- Hogs],
    gen_server:cast(Blocker, {block, 7000}),
    Parent = self(),
    spawn(fun() ->
              Sent = Now(),
              Arrival = try gen_server:call(Blocker, alive, 5000), nan
                        catch exit:{timeout, _} -> Now() - Sent end,
              Parent ! {timeout, Arrival}
          end),
    spawn(fun() -> Parent ! {starts, start_loop(Start + HoldMs, Now, 0.0)} end),
    Samples = lists:sort(call_loop(Idle, Start + HoldMs, Now, [])),
    Count = length(Samples),
    WorstStart = receive {starts, W} -> W end,
    TimeoutArrival = receive {timeout, T} -> T end,
    report("idle-calls", Count, "calls"),
    report_ms("idle-call-p50", percentile(Samples, Count, 0.50)),
    report_ms("idle-call-p99", percentile(Samples, Count, 0.99)),
    report_ms("idle-call-max", lists:last(Samples)),
    report_ms("start-max", WorstStart),
    report_ms("timeout-5s-arrival", TimeoutArrival).

report_ms(Name, Value) ->
    io:format("~s ~.2f ms~n", [Name, float(Value)]).

call_loop(Idle, Deadline, Now, Samples) ->
    case Now() >= Deadline of
        true -> Samples;
        false ->
            Before = Now(),
            gen_server:call(Idle, alive, 30000),
            call_loop(Idle, Deadline, Now, [Now() - Before | Samples])
    end.

start_loop(Deadline, Now, Worst) ->
    case Now() >= Deadline of
        true -> Worst;
        false ->
            Before = Now(),
            {ok, Pid} = gen_server:start(?MODULE, idle, []),
            Took = Now() - Before,
            exit(Pid, kill),
            timer:sleep(100),
            start_loop(Deadline, Now, max(Worst, Took))
    end.

percentile(Sorted, Count, Fraction) ->
    lists:nth(max(1, min(Count, ceil(Fraction * Count))), Sorted).

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

%% One at a time: gen_server:start returns once the new process's init has run.
spawn_sequential(Count) ->
    [begin {ok, Pid} = gen_server:start(?MODULE, idle, []), Pid end || _ <- lists:seq(1, Count)].

%% All starts issued first, then every init awaited: each new process reports once its init has run, then becomes an
%% ordinary idle gen_server (gen_server:enter_loop). The same shape as the .NET side's pipelined spawn.
spawn_pipelined(Count) ->
    Self = self(),
    Pids = [proc_lib:spawn(fun() ->
                               {ok, State} = init(idle),
                               Self ! ready,
                               gen_server:enter_loop(?MODULE, [], State)
                           end) || _ <- lists:seq(1, Count)],
    [receive ready -> ok end || _ <- Pids],
    Pids.

%% Callers processes, each making PerCaller sequential calls; caller I calls server I rem length(Servers).
many_callers(Servers, Callers, PerCaller) ->
    Self = self(),
    Count = length(Servers),
    [spawn_link(fun() -> call(lists:nth(I rem Count + 1, Servers), PerCaller), Self ! called end) || I <- lists:seq(0, Callers - 1)],
    [receive called -> ok end || _ <- lists:seq(1, Callers)],
    ok.

%% ---- measuring ---------------------------------------------------------------------------------------------------

-define(WARM_UP_NS, 1500000000).

%% Runs the workload for 1.5 s before measuring, as the .NET side does (there it lets the JIT reach optimised code).
warm_up(Workload) ->
    Start = erlang:monotonic_time(nanosecond),
    warm_up(Workload, Start).

warm_up(Workload, Start) ->
    Workload(),
    case erlang:monotonic_time(nanosecond) - Start < ?WARM_UP_NS of
        true -> warm_up(Workload, Start);
        false -> ok
    end.

median(Values) -> lists:nth(length(Values) div 2 + 1, lists:sort(Values)).

rate(Rounds, Operations, Workload) ->
    warm_up(Workload),
    Rates = [begin
                 Start = erlang:monotonic_time(nanosecond),
                 Workload(),
                 Elapsed = erlang:monotonic_time(nanosecond) - Start,
                 Operations * 1.0e9 / Elapsed
             end || _ <- lists:seq(1, Rounds)],
    median(Rates).

%% Spawn rate: the spawned processes are killed after each round, outside the timed part.
spawn_rate(Rounds, Count, Spawn) ->
    warm_up(fun() -> kill_all(Spawn(Count)) end),
    median([begin
                Start = erlang:monotonic_time(nanosecond),
                Pids = Spawn(Count),
                Elapsed = erlang:monotonic_time(nanosecond) - Start,
                kill_all(Pids),
                Count * 1.0e9 / Elapsed
            end || _ <- lists:seq(1, Rounds)]).

kill_all(Pids) ->
    [begin Ref = monitor(process, Pid), exit(Pid, kill), receive {'DOWN', Ref, process, Pid, _} -> ok end end || Pid <- Pids],
    ok.

%% Resident set size from /proc/self/status (VmRSS), read the same way as on the .NET side.
rss_bytes() ->
    Status = os:cmd("cat /proc/" ++ os:getpid() ++ "/status"),
    [Line] = [L || L <- string:split(Status, "\n", all), string:prefix(L, "VmRSS:") =/= nomatch],
    [Kilobytes | _] = string:lexemes(string:prefix(Line, "VmRSS:"), " \t"),
    list_to_integer(Kilobytes) * 1024.

%% Resident memory growth per idle gen_server, in a fresh VM, after a small warm-up batch.
memory(Count) ->
    Warm = spawn_pipelined(1000),
    erlang:garbage_collect(),
    Before = rss_bytes(),
    Pids = spawn_pipelined(Count),
    erlang:garbage_collect(),
    After = rss_bytes(),
    report("rss-per-process", (After - Before) / Count, "bytes/process"),
    {Warm, Pids}.

main(["starvation", Mode, Busy, HoldMs]) ->
    starvation(Mode, list_to_integer(Busy), list_to_integer(HoldMs));
main(["memory", Count]) ->
    memory(list_to_integer(Count));
main(["run", Scale, Rounds]) ->
    run(to_number(Scale), list_to_integer(Rounds)).

to_number(Text) ->
    try list_to_float(Text) catch error:badarg -> float(list_to_integer(Text)) end.

run(Scale, Rounds) ->
    Casts = round(10000000 * Scale),
    Calls = round(1000000 * Scale),
    Spawns = round(1000000 * Scale),
    PerCaller = Calls div 64,
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
    report("call-64x1", rate(Rounds, PerCaller * 64, fun() -> many_callers([Accumulator], 64, PerCaller) end), "calls/s"),
    Servers = [begin {ok, Pid} = gen_server:start(?MODULE, accumulator, []), Pid end || _ <- lists:seq(1, 64)],
    report("call-64x64", rate(Rounds, PerCaller * 64, fun() -> many_callers(Servers, 64, PerCaller) end), "calls/s"),
    report("spawn-sequential", spawn_rate(Rounds, Spawns, fun spawn_sequential/1), "processes/s"),
    report("spawn-pipelined", spawn_rate(Rounds, Spawns, fun spawn_pipelined/1), "processes/s").

report(Name, Value, Unit) ->
    io:format("~s ~.1f ~s~n", [Name, float(Value), Unit]).
