%% The Erlang side of the interop tests: a gen_server registered as 'peer' that the C# tests drive over
%% distribution. It answers calls, calls/casts/sends into Arbor on request, and records 'DOWN'/'EXIT' messages so a
%% test can wait for them (a deferred reply; no polling).
-module(arbor_peer).
-behaviour(gen_server).
-export([start/0, worker/0, init/1, handle_call/3, handle_cast/2, handle_info/2]).

start() ->
    {ok, _} = gen_server:start({local, peer}, ?MODULE, [], []),
    io:format("ready~n"),
    receive never -> ok end.

init([]) ->
    process_flag(trap_exit, true),
    {ok, #{count => 0, events => #{}, waiting => #{}, casts => []}}.

%% A process that exits with the reason it is told: {stop, Reason}.
worker() ->
    receive {stop, Reason} -> exit(Reason) end.

handle_call(ping, _From, S) -> {reply, pong, S};
handle_call({echo, T}, _From, S) -> {reply, T, S};
handle_call({add, N}, _From, S = #{count := C}) -> {reply, C + N, S#{count := C + N}};
handle_call(get, _From, S = #{count := C}) -> {reply, C, S};
handle_call(casts, _From, S = #{casts := Casts}) -> {reply, lists:reverse(Casts), S};
handle_call({net_ping, Node}, _From, S) -> {reply, net_adm:ping(Node), S};
handle_call({ping_with_cookie, Node, Cookie}, _From, S) ->
    erlang:set_cookie(Node, Cookie),
    Result = net_adm:ping(Node),
    erlang:set_cookie(Node, erlang:get_cookie()),
    {reply, Result, S};
handle_call({call, Target, Req}, _From, S) ->
    {reply, try gen_server:call(Target, Req, 5000) catch exit:Reason -> {exit, Reason} end, S};
handle_call({cast, Target, Req}, _From, S) -> gen_server:cast(Target, Req), {reply, ok, S};
handle_call({send, Target, Msg}, _From, S) -> Target ! Msg, {reply, ok, S};
handle_call(spawn_worker, _From, S) -> {reply, spawn(?MODULE, worker, []), S};
handle_call({monitor, Target}, _From, S) -> {reply, erlang:monitor(process, Target), S};
handle_call({link, Target}, _From, S) -> link(Target), {reply, ok, S};
handle_call({unlink, Target}, _From, S) -> unlink(Target), {reply, ok, S};
handle_call({exit, Target, Reason}, _From, S) -> exit(Target, Reason), {reply, ok, S};
handle_call({spawn_request, Node, M, F, A, Opts}, _From, S) ->
    ReqId = erlang:spawn_request(Node, M, F, A, Opts),
    receive
        {spawn_reply, ReqId, ok, Pid} -> {reply, {ok, Pid, ReqId}, S};
        {spawn_reply, ReqId, error, Reason} -> {reply, {error, Reason}, S}
    after 10000 -> {reply, no_spawn_reply, S}
    end;
handle_call({spawn, Node, M, F, A}, _From, S) ->
    {reply, try {ok, spawn(Node, M, F, A)} catch error:Reason -> {error, Reason} end, S};
handle_call(global_sync, From, S) ->
    %% global:sync/0 in a helper with a bound, so a node that never synchronises cannot hang the peer.
    spawn(fun() ->
                  Self = self(),
                  Syncer = spawn(fun() -> Self ! {synced, global:sync()} end),
                  receive {synced, Result} -> gen_server:reply(From, Result)
                  after 10000 -> exit(Syncer, kill), gen_server:reply(From, sync_timeout)
                  end
          end),
    {noreply, S};
handle_call(nodes, _From, S) -> {reply, {nodes(), nodes(hidden)}, S};
handle_call({await, Key}, From, S = #{events := Events, waiting := Waiting}) ->
    case maps:take(Key, Events) of
        {Value, Rest} -> {reply, Value, S#{events := Rest}};
        error -> {noreply, S#{waiting := Waiting#{Key => From}}}
    end.

handle_cast(Req, S = #{casts := Casts}) -> {noreply, S#{casts := [Req | Casts]}}.

handle_info({'DOWN', Ref, process, _Who, Reason}, S) -> {noreply, event(Ref, Reason, S)};
handle_info({'EXIT', From, Reason}, S) -> {noreply, event(From, Reason, S)};
handle_info(Other, S) -> {noreply, event(info, Other, S)}.

event(Key, Value, S = #{events := Events, waiting := Waiting}) ->
    case maps:take(Key, Waiting) of
        {From, Rest} -> gen_server:reply(From, Value), S#{waiting := Rest};
        error -> S#{events := Events#{Key => Value}}
    end.
