#!/usr/bin/env escript
%%! -noshell
%%
%% An Erlang/OTP megaco peer for mediasec's H.248 transport interop tests (tooling.md section 2).
%%
%%   h248_peer.escript role=mgc|mg transport=udp|tcp encoding=pretty|compact version=1|3
%%                     port=<local port> [mgc_port=<port of the MGC, role=mg>] [timeout=<seconds>]
%%                     [redirect_port=<port>] [handoff_port=<port>]
%%
%% role=mgc: listens on 127.0.0.1:port, answers the MG's ServiceChange (echoing its Profile), then
%%   sends Add (Context=$, Add=$, Local with a=fingerprint:$ and a=setup:passive, Remote with the
%%   UE's a=fingerprint and a=setup:active), Modify (Mode=SendReceive), waits for a Notify from the
%%   MG, answers it, sends Subtract, and exits 0.
%%   With redirect_port it instead answers the ServiceChange with MgcIdToTry=[127.0.0.1]:redirect_port
%%   (asking for an ack) and exits 0 when the ack arrives; with handoff_port it accepts the
%%   registration, then sends ServiceChange HandOff "903" with MgcIdToTry=[127.0.0.1]:handoff_port
%%   and exits 0 on the reply.
%%   With flow=agw (and core_port=<port>, ue_fp=<the UE's a=fingerprint value>) it drives an IMS-AGW
%%   through one e2ae MSRP context instead: Add access (TCP/TLS/MSRP, a=setup:passive,
%%   a=fingerprint:$), Add core (TCP/MSRP, a=setup:active, Remote 127.0.0.1:core_port), Modify access
%%   (Remote with the UE's fingerprint, SendReceive; g/cause requested on the access side), prints "EVENT agw_modified access_port=..
%%   agw_fingerprint=..", waits for a line "subtract" on stdin, then subtracts both terminations in one
%%   action and prints their Statistics ("EVENT agw_subtract_reply access=nt/os:..,.. core=..."). A
%%   Notify meanwhile also prints "EVENT agw_notify ... Generalcause=.. Failurecause=..".
%% role=mg: binds 127.0.0.1:port (udp) or connects (tcp), sends ServiceChange Restart "901" with
%%   Profile=resgw/1 and Version=<version>, answers Add by choosing context 1 and termination msrp/1
%%   with a Local SDP carrying its own a=fingerprint, answers Modify and then sends a Notify,
%%   answers Subtract asking for an ack (ImmAckRequired) and exits 0 when the ack arrives.
%%
%% Prints READY when it is listening/bound, one "EVENT <step> key=value ..." line per step, and
%% "EVENT done" before exiting 0. Exit 2: timeout; exit 3: a step failed.
-module(h248_peer).
-mode(compile).

-include_lib("megaco/include/megaco.hrl").
-include_lib("megaco/include/megaco_message_v3.hrl").

-export([main/1]).
-export([handle_connect/3, handle_disconnect/4, handle_syntax_error/4, handle_message_error/4,
         handle_trans_request/4, handle_trans_long_request/4, handle_trans_reply/5, handle_trans_ack/5,
         handle_unexpected_trans/4, handle_trans_request_abort/5, handle_segment_reply/6]).

-define(FP_UE, "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF").
-define(FP_AGW, "sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0").

main(Args) ->
    O = maps:from_list([list_to_tuple(string:split(A, "=")) || A <- Args]),
    Timeout = list_to_integer(maps:get("timeout", O, "20")),
    erlang:send_after(Timeout * 1000, self(), overall_timeout),
    put(version, list_to_integer(maps:get("version", O, "1"))),
    application:set_env(h248_peer, version, get(version)),
    ok = megaco:start(),
    try
        case maps:get("role", O) of
            "mgc" -> mgc(O);
            "mg" -> mg(O)
        end,
        event("done", []),
        halt(0)
    catch
        throw:timeout ->
            event("timeout", []),
            halt(2);
        C:E:S ->
            event("failed reason=~0p", [{C, E, hd(S ++ [none])}]),
            halt(3)
    end.

%% ------------------------------------------------------------------ common

event(Fmt, Args) ->
    io:format("EVENT " ++ Fmt ++ "~n", Args).

encoder(O) ->
    case maps:get("encoding", O, "pretty") of
        "pretty" -> megaco_pretty_text_encoder;
        "compact" -> megaco_compact_text_encoder
    end.

send_mod(O) ->
    case maps:get("transport", O, "udp") of
        "udp" -> megaco_udp;
        "tcp" -> megaco_tcp
    end.

start_user(O, Port) ->
    Mid = {ip4Address, #'IP4Address'{address = [127, 0, 0, 1], portNumber = Port}},
    put(mid, Mid),
    ok = megaco:start_user(Mid, [{user_mod, ?MODULE}, {user_args, [self()]},
                                 {protocol_version, get(version)},
                                 {encoding_mod, encoder(O)}, {encoding_config, []},
                                 {send_mod, send_mod(O)}]),
    megaco:user_info(Mid, receive_handle).

%% version 1 and 2 records of ServiceChangeParm and StreamParms are shorter (tooling.md section 2);
%% V is explicit because callbacks run in megaco's processes, not in main's
pad(V, #'ServiceChangeParm'{} = P) -> cut(V, P, 10);
pad(V, #'StreamParms'{} = P) -> cut(V, P, 4).

cut(3, R, _V1Size) -> R;
cut(_, R, V1Size) -> list_to_tuple(lists:sublist(tuple_to_list(R), V1Size)).

wait(Tag) ->
    receive
        {Tag, Value} -> Value;
        overall_timeout -> throw(timeout)
    end.

tid(#megaco_term_id{id = Levels}) -> string:join(Levels, "/").

sdp(Lines) ->
    [#'PropertyParm'{name = [N], value = [V]} || [N, $= | V] <- Lines].

%% every SDP line (PropertyParm name/value) anywhere inside Term
props(#'PropertyParm'{name = N, value = [V]}) -> [N ++ "=" ++ V];
props(T) when is_tuple(T) -> props(tuple_to_list(T));
props(L) when is_list(L) -> lists:append([props(X) || X <- L]);
props(_) -> [].

attr(Prefix, Lines) ->
    case [string:prefix(L, Prefix) || L <- Lines, string:prefix(L, Prefix) =/= nomatch] of
        [V | _] -> V;
        [] -> "none"
    end.

describe_sdp(Term) ->
    Lines = props(Term),
    A = [L || "a=" ++ L <- Lines],
    io_lib:format("fingerprint=~s setup=~s", [quote(attr("fingerprint:", A)), attr("setup:", A)]).

quote(S) -> [case C of $\s -> $_; _ -> C end || C <- S].

call(CH, Actions) ->
    case megaco:call(CH, Actions, []) of
        {_Version, {ok, Replies}} -> Replies;
        Other -> throw({call_failed, Other})
    end.

stream(V, LC, Local, Remote) ->
    #'StreamDescriptor'{streamID = 1,
                        streamParms = pad(V, #'StreamParms'{localControlDescriptor = LC,
                                                         localDescriptor = Local,
                                                         remoteDescriptor = Remote})}.

media(Stream) ->
    {mediaDescriptor, #'MediaDescriptor'{streams = {multiStream, [Stream]}}}.

lc(Mode) ->
    #'LocalControlDescriptor'{streamMode = Mode, propertyParms = []}.

%% ------------------------------------------------------------------ MGC role

mgc(O) ->
    Port = list_to_integer(maps:get("port", O)),
    RH = start_user(O, Port),
    case send_mod(O) of
        megaco_udp ->
            {ok, Sup} = megaco_udp:start_transport(),
            {ok, _Handle, _Ctrl} = megaco_udp:open(Sup, [{port, Port}, {receive_handle, RH},
                                                         {udp_options, [{ip, {127, 0, 0, 1}}]}]);
        megaco_tcp ->
            {ok, Sup} = megaco_tcp:start_transport(),
            ok = megaco_tcp:listen(Sup, [{port, Port}, {receive_handle, RH}])
    end,
    application:set_env(h248_peer, flow, maps:get("flow", O, "none")),
    case maps:find("redirect_port", O) of
        {ok, RP} -> application:set_env(h248_peer, redirect_port, list_to_integer(RP));
        error -> ok
    end,
    io:format("READY port=~p~n", [Port]),
    CH = wait(registered),
    case {maps:find("redirect_port", O), maps:find("handoff_port", O)} of
        {{ok, _}, _} ->
            event("redirect_acked status=~0p", [wait(acked)]);
        {_, {ok, HP}} ->
            handoff(CH, list_to_integer(HP));
        _ ->
            case maps:find("flow", O) of
                {ok, "agw"} -> agw_flow(CH, O);
                _ -> mgc_flow(CH)
            end
    end.

mid(Port) ->
    {ip4Address, #'IP4Address'{address = [127, 0, 0, 1], portNumber = Port}}.

handoff(CH, Port) ->
    Parm = pad(get(version), #'ServiceChangeParm'{serviceChangeMethod = handOff,
                                                  serviceChangeReason = ["903 MGC Directed Change"],
                                                  serviceChangeMgcId = mid(Port)}),
    SC = #'ActionRequest'{contextId = ?megaco_null_context_id,
                          commandRequests = [#'CommandRequest'{command = {serviceChangeReq, #'ServiceChangeRequest'{
                              terminationID = [?megaco_root_termination_id], serviceChangeParms = Parm}}}]},
    [#'ActionReply'{commandReply = [{serviceChangeReply, _}]}] = call(CH, [SC]),
    event("handoff_reply to=~p", [Port]).

mgc_flow(CH) ->
    Local = #'LocalRemoteDescriptor'{propGrps = [sdp(["v=0", "c=IN IP4 $", "m=message $ TCP/TLS/MSRP *",
                                                      "a=setup:passive", "a=fingerprint:$"])]},
    Remote = #'LocalRemoteDescriptor'{propGrps = [sdp(["v=0", "c=IN IP4 192.0.2.10",
                                                       "m=message 7394 TCP/TLS/MSRP *", "a=setup:active",
                                                       "a=fingerprint:" ++ ?FP_UE])]},
    Choose = #megaco_term_id{contains_wildcards = true, id = [[?megaco_choose]]},
    Add = #'ActionRequest'{contextId = ?megaco_choose_context_id,
                           commandRequests = [#'CommandRequest'{command = {addReq, #'AmmRequest'{
                               terminationID = [Choose],
                               descriptors = [media(stream(get(version), lc(inactive), Local, Remote))]}}}]},
    [#'ActionReply'{contextId = Ctx, commandReply = [{addReply, #'AmmsReply'{terminationID = [TID]} = AddReply}]}]
        = call(CH, [Add]),
    event("add_reply context=~p termination=~s ~s", [Ctx, tid(TID), describe_sdp(AddReply)]),
    Modify = #'ActionRequest'{contextId = Ctx,
                              commandRequests = [#'CommandRequest'{command = {modReq, #'AmmRequest'{
                                  terminationID = [TID],
                                  descriptors = [media(stream(get(version), lc(sendRecv), asn1_NOVALUE, asn1_NOVALUE))]}}}]},
    [#'ActionReply'{commandReply = [{modReply, _}]}] = call(CH, [Modify]),
    event("modify_reply context=~p termination=~s", [Ctx, tid(TID)]),
    wait(notified),
    Subtract = #'ActionRequest'{contextId = Ctx,
                                commandRequests = [#'CommandRequest'{command = {subtractReq,
                                    #'SubtractRequest'{terminationID = [TID]}}}]},
    [#'ActionReply'{commandReply = [{subtractReply, _}]}] = call(CH, [Subtract]),
    event("subtract_reply context=~p termination=~s", [Ctx, tid(TID)]).

%% ------------------------------------------------------------------ MGC role, flow=agw

agw_flow(CH, O) ->
    V = get(version),
    CorePort = maps:get("core_port", O),
    UeFp = maps:get("ue_fp", O),
    Choose = #megaco_term_id{contains_wildcards = true, id = [[?megaco_choose]]},
    AccessLocal = #'LocalRemoteDescriptor'{propGrps = [sdp(["v=0", "c=IN IP4 $", "m=message $ TCP/TLS/MSRP *",
                                                            "a=setup:passive", "a=fingerprint:$"])]},
    AddAccess = #'ActionRequest'{contextId = ?megaco_choose_context_id,
                                 commandRequests = [#'CommandRequest'{command = {addReq, #'AmmRequest'{
                                     terminationID = [Choose],
                                     descriptors = [media(stream(V, lc(inactive), AccessLocal, asn1_NOVALUE)),
                                                    {eventsDescriptor, #'EventsDescriptor'{requestID = 2001,
                                                        eventList = [#'RequestedEvent'{pkgdName = "g/cause"}]}}]}}}]},
    [#'ActionReply'{contextId = Ctx, commandReply = [{addReply, #'AmmsReply'{terminationID = [Access]} = AR}]}]
        = call(CH, [AddAccess]),
    Lines = props(AR),
    AccessPort = lists:nth(2, string:lexemes(attr("m=", Lines), " ")),
    AgwFp = attr("a=fingerprint:", Lines),
    event("agw_add_access_reply context=~p termination=~s port=~s fingerprint=~s",
          [Ctx, tid(Access), AccessPort, quote(AgwFp)]),
    CoreLocal = #'LocalRemoteDescriptor'{propGrps = [sdp(["v=0", "c=IN IP4 $", "m=message $ TCP/MSRP *",
                                                          "a=setup:active"])]},
    CoreRemote = #'LocalRemoteDescriptor'{propGrps = [sdp(["v=0", "c=IN IP4 127.0.0.1",
                                                           "m=message " ++ CorePort ++ " TCP/MSRP *",
                                                           "a=setup:passive"])]},
    AddCore = #'ActionRequest'{contextId = Ctx,
                               commandRequests = [#'CommandRequest'{command = {addReq, #'AmmRequest'{
                                   terminationID = [Choose],
                                   descriptors = [media(stream(V, lc(inactive), CoreLocal, CoreRemote))]}}}]},
    [#'ActionReply'{commandReply = [{addReply, #'AmmsReply'{terminationID = [Core]}}]}] = call(CH, [AddCore]),
    event("agw_add_core_reply context=~p termination=~s", [Ctx, tid(Core)]),
    UeRemote = #'LocalRemoteDescriptor'{propGrps = [sdp(["v=0", "c=IN IP4 127.0.0.1", "m=message 9 TCP/TLS/MSRP *",
                                                         "a=setup:active", "a=fingerprint:" ++ UeFp])]},
    Modify = #'ActionRequest'{contextId = Ctx,
                              commandRequests = [#'CommandRequest'{command = {modReq, #'AmmRequest'{
                                  terminationID = [Access],
                                  descriptors = [media(stream(V, lc(sendRecv), asn1_NOVALUE, UeRemote))]}}}]},
    [#'ActionReply'{commandReply = [{modReply, _}]}] = call(CH, [Modify]),
    event("agw_modified context=~p access=~s access_port=~s agw_fingerprint=~s",
          [Ctx, tid(Access), AccessPort, quote(AgwFp)]),
    "subtract" ++ _ = io:get_line(""),
    Subtract = #'ActionRequest'{contextId = Ctx,
                                commandRequests = [#'CommandRequest'{command = {subtractReq,
                                                       #'SubtractRequest'{terminationID = [T]}}} || T <- [Access, Core]]},
    [#'ActionReply'{commandReply = [{subtractReply, #'AmmsReply'{terminationAudit = A1}},
                                    {subtractReply, #'AmmsReply'{terminationAudit = A2}}]}] = call(CH, [Subtract]),
    event("agw_subtract_reply context=~p access=~s core=~s", [Ctx, stats(A1), stats(A2)]).

%% flow=agw: the parameters of a Notify's observed events (Generalcause, Failurecause), one more line
agw_notify(Ctx, TID, OE) ->
    case application:get_env(h248_peer, flow) of
        {ok, "agw"} ->
            Params = [N ++ "=" ++ stat_value(V) || E <- OE#'ObservedEventsDescriptor'.observedEventLst,
                                                   #'EventParameter'{eventParameterName = N, value = V}
                                                       <- E#'ObservedEvent'.eventParList],
            event("agw_notify context=~p termination=~s request_id=~p ~s",
                  [Ctx, tid(TID), OE#'ObservedEventsDescriptor'.requestId, string:join(Params, " ")]);
        _ ->
            ok
    end.

stats(Audit) when is_list(Audit) ->
    string:join([N ++ ":" ++ stat_value(Vs) || {statisticsDescriptor, L} <- Audit,
                                                #'StatisticsParameter'{statName = N, statValue = Vs} <- L], ",");
stats(_) ->
    "none".

stat_value(asn1_NOVALUE) -> "";
stat_value(Vs) -> quote(string:join(Vs, ";")).

%% ------------------------------------------------------------------ MG role

mg(O) ->
    Port = list_to_integer(maps:get("port", O)),
    MgcPort = list_to_integer(maps:get("mgc_port", O)),
    RH = start_user(O, Port),
    {SH, Ctrl} =
        case send_mod(O) of
            megaco_udp ->
                {ok, Sup} = megaco_udp:start_transport(),
                {ok, Handle, C} = megaco_udp:open(Sup, [{port, Port}, {receive_handle, RH},
                                                        {udp_options, [{ip, {127, 0, 0, 1}}]}]),
                {megaco_udp:create_send_handle(Handle, {127, 0, 0, 1}, MgcPort), C};
            megaco_tcp ->
                {ok, Sup} = megaco_tcp:start_transport(),
                {ok, S, C} = megaco_tcp:connect(Sup, [{host, {127, 0, 0, 1}}, {port, MgcPort},
                                                      {receive_handle, RH}]),
                {S, C}
        end,
    {ok, CH} = megaco:connect(RH, preliminary_mid, SH, Ctrl),
    io:format("READY port=~p~n", [Port]),
    V = get(version),
    Parm = pad(V, #'ServiceChangeParm'{serviceChangeMethod = restart, serviceChangeReason = ["901"],
                                    serviceChangeProfile = #'ServiceChangeProfile'{profileName = "resgw", version = 1},
                                    serviceChangeVersion = V}),
    SC = #'ActionRequest'{contextId = ?megaco_null_context_id,
                          commandRequests = [#'CommandRequest'{command = {serviceChangeReq, #'ServiceChangeRequest'{
                              terminationID = [?megaco_root_termination_id], serviceChangeParms = Parm}}}]},
    [#'ActionReply'{commandReply = [{serviceChangeReply, #'ServiceChangeReply'{serviceChangeResult = Res}}]}]
        = call(CH, [SC]),
    event("service_change_reply result=~0p", [Res]),
    case Res of
        {serviceChangeResParms, #'ServiceChangeResParm'{serviceChangeVersion = Lower}}
          when is_integer(Lower), Lower < V ->
            %% H.248.1 section 11.3: use the MGC's lower version from now on
            [Real | _] = megaco:user_info(get(mid), connections),
            ok = megaco:update_conn_info(Real, protocol_version, Lower),
            put(version, Lower),
            event("version_lowered to=~p", [Lower]);
        _ ->
            ok
    end,
    %% after the reply to the ServiceChange megaco replaces the preliminary connection handle
    {Ctx, TID, CH2} = wait(modified),
    Notify = #'ActionRequest'{contextId = Ctx,
                              commandRequests = [#'CommandRequest'{command = {notifyReq, #'NotifyRequest'{
                                  terminationID = [TID],
                                  observedEventsDescriptor = #'ObservedEventsDescriptor'{
                                      requestId = 2001,
                                      observedEventLst = [#'ObservedEvent'{eventName = "g/cause"}]}}}}]},
    [#'ActionReply'{commandReply = [{notifyReply, _}]}] = call(CH2, [Notify]),
    event("notify_reply context=~p termination=~s", [Ctx, tid(TID)]),
    AckStatus = wait(acked),
    event("subtract_acked status=~0p", [AckStatus]).

%% ------------------------------------------------------------------ megaco user callbacks

handle_connect(_CH, _PV, _Main) ->
    ok.

handle_disconnect(_CH, _PV, _Reason, _Main) ->
    ok.

handle_syntax_error(_RH, _PV, _ED, _Main) ->
    event("syntax_error", []),
    reply.

handle_message_error(_CH, _PV, ED, _Main) ->
    event("message_error error=~0p", [ED]),
    no_reply.

handle_trans_request(CH, PV, Actions, Main) ->
    try
        request(CH, PV, Actions, Main)
    catch
        C:E:S ->
            event("request_failed reason=~0p", [{C, E, hd(S ++ [none])}]),
            {discard_ack, #'ErrorDescriptor'{errorCode = 500, errorText = "peer failed"}}
    end.

request(CH, PV, [#'ActionRequest'{contextId = Ctx, commandRequests = [#'CommandRequest'{command = Cmd}]}], Main) ->
    case Cmd of
        {serviceChangeReq, #'ServiceChangeRequest'{terminationID = [Root], serviceChangeParms = P}} ->
            Method = element(#'ServiceChangeParm'.serviceChangeMethod, P),
            Reason = element(#'ServiceChangeParm'.serviceChangeReason, P),
            Version = element(#'ServiceChangeParm'.serviceChangeVersion, P),
            Profile = element(#'ServiceChangeParm'.serviceChangeProfile, P),
            event("service_change method=~p reason=~s version=~p profile=~s message_version=~p termination=~s",
                  [Method, quote(lists:flatten(Reason)), Version, profile(Profile), PV, tid(Root)]),
            Main ! {registered, CH},
            {Ack, Res} =
                case application:get_env(h248_peer, redirect_port) of
                    {ok, RP} ->
                        event("redirect to=~p", [RP]),
                        {{handle_ack, redirect}, #'ServiceChangeResParm'{serviceChangeMgcId = mid(RP)}};
                    undefined ->
                        %% H.248.1 section 11.3: a lower version than the MG offered goes in the reply
                        {ok, Mine} = application:get_env(h248_peer, version),
                        Lower = case is_integer(Version) andalso Version > Mine of
                                    true -> Mine;
                                    false -> asn1_NOVALUE
                                end,
                        {discard_ack, #'ServiceChangeResParm'{serviceChangeProfile = Profile,
                                                              serviceChangeVersion = Lower}}
                end,
            {Ack, [#'ActionReply'{contextId = Ctx, commandReply = [{serviceChangeReply,
                #'ServiceChangeReply'{terminationID = [Root], serviceChangeResult = {serviceChangeResParms, Res}}}]}]};
        {notifyReq, #'NotifyRequest'{terminationID = [TID], observedEventsDescriptor = OE}} ->
            agw_notify(Ctx, TID, OE),
            Events = [E#'ObservedEvent'.eventName || E <- OE#'ObservedEventsDescriptor'.observedEventLst],
            event("notify context=~p termination=~s request_id=~p events=~s message_version=~p",
                  [Ctx, tid(TID), OE#'ObservedEventsDescriptor'.requestId, string:join(Events, ","), PV]),
            Main ! {notified, TID},
            {discard_ack, [#'ActionReply'{contextId = Ctx, commandReply = [{notifyReply,
                #'NotifyReply'{terminationID = [TID]}}]}]};
        {addReq, #'AmmRequest'{terminationID = [Req]} = Amm} ->
            Local = [L || "a=" ++ L <- props(local_of(Amm))],
            Remote = [L || "a=" ++ L <- props(remote_of(Amm))],
            event("add context=~s termination=~s local_fingerprint=~s local_setup=~s remote_fingerprint=~s remote_setup=~s",
                  [ctx(Ctx), tid(Req), quote(attr("fingerprint:", Local)), attr("setup:", Local),
                   quote(attr("fingerprint:", Remote)), attr("setup:", Remote)]),
            TID = #megaco_term_id{id = ["msrp", "1"]},
            Sdp = #'LocalRemoteDescriptor'{propGrps = [sdp(["v=0", "c=IN IP4 203.0.113.5",
                                                            "m=message 40000 TCP/TLS/MSRP *", "a=setup:passive",
                                                            "a=fingerprint:" ++ ?FP_AGW])]},
            {discard_ack, [#'ActionReply'{contextId = 1, commandReply = [{addReply, #'AmmsReply'{
                terminationID = [TID], terminationAudit = [media(stream(PV, asn1_NOVALUE, Sdp, asn1_NOVALUE))]}}]}]};
        {modReq, #'AmmRequest'{terminationID = [TID]} = Amm} ->
            event("modify context=~s termination=~s mode=~p message_version=~p", [ctx(Ctx), tid(TID), mode_of(Amm), PV]),
            Main ! {modified, {Ctx, TID, CH}},
            {discard_ack, [#'ActionReply'{contextId = Ctx, commandReply = [{modReply,
                #'AmmsReply'{terminationID = [TID]}}]}]};
        {subtractReq, #'SubtractRequest'{terminationID = [TID]}} ->
            event("subtract context=~s termination=~s", [ctx(Ctx), tid(TID)]),
            {{handle_ack, subtract}, [#'ActionReply'{contextId = Ctx, commandReply = [{subtractReply,
                #'AmmsReply'{terminationID = [TID]}}]}]};
        {auditValueRequest, AR} ->
            TID = element(2, AR),   % AuditRequest has one more field in version 3
            event("audit termination=~s", [tid(TID)]),
            {discard_ack, [#'ActionReply'{contextId = Ctx, commandReply = [{auditValueReply,
                {auditResult, #'AuditResult'{terminationID = TID, terminationAuditResult = []}}}]}]}
    end.

ctx(?megaco_choose_context_id) -> "$";
ctx(?megaco_null_context_id) -> "-";
ctx(N) -> integer_to_list(N).

profile(#'ServiceChangeProfile'{profileName = N, version = V}) -> io_lib:format("~s/~p", [N, V]);
profile(Other) -> io_lib:format("~0p", [Other]).

streams_of(#'AmmRequest'{descriptors = Ds}) ->
    [S || {mediaDescriptor, #'MediaDescriptor'{streams = {multiStream, Ss}}} <- Ds, S <- Ss].

local_of(Amm) -> [element(#'StreamParms'.localDescriptor, S#'StreamDescriptor'.streamParms) || S <- streams_of(Amm)].
remote_of(Amm) -> [element(#'StreamParms'.remoteDescriptor, S#'StreamDescriptor'.streamParms) || S <- streams_of(Amm)].

mode_of(Amm) ->
    case [element(#'StreamParms'.localControlDescriptor, S#'StreamDescriptor'.streamParms) || S <- streams_of(Amm)] of
        [#'LocalControlDescriptor'{streamMode = M} | _] -> M;
        _ -> none
    end.

handle_trans_long_request(_CH, _PV, _ReqData, _Main) ->
    {discard_ack, #'ErrorDescriptor'{errorCode = 501, errorText = "not used"}}.

handle_trans_reply(_CH, _PV, _Reply, _ReplyData, _Main) ->
    ok.

handle_trans_ack(_CH, _PV, AckStatus, Data, Main) when Data =:= subtract; Data =:= redirect ->
    Main ! {acked, AckStatus},
    ok;
handle_trans_ack(_CH, _PV, _AckStatus, _AckData, _Main) ->
    ok.

handle_unexpected_trans(_CH, _PV, Trans, _Main) ->
    event("unexpected_trans trans=~0p", [Trans]),
    ok.

handle_trans_request_abort(_CH, _PV, _TransNo, _Pid, _Main) ->
    ok.

handle_segment_reply(_CH, _PV, _TransNo, _SegNo, _SegCompl, _Main) ->
    ok.
