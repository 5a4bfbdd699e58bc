#!/usr/bin/env escript
%%! -noshell
%%
%% Decodes every H.248 text message in a directory with Erlang/OTP megaco's text codecs and
%% re-encodes it with the same codec (used by mediasec's H248ErlangInteropTest).
%%
%% File names: <case>.v<Version>.<pretty|compact> (the case name may contain dots)
%% For each file prints one line:  OK <file>   or   ERR <file> <reason>
%% and writes the Erlang re-encoding next to it as <file>.erl
%%
main([Dir]) ->
    {ok, Names} = file:list_dir(Dir),
    Inputs = lists:sort([N || N <- Names, is_input(N)]),
    lists:foreach(fun(N) -> roundtrip(Dir, N) end, Inputs),
    io:format("DONE ~p~n", [length(Inputs)]);
main(_) ->
    io:format(standard_error, "usage: megaco_roundtrip.escript <dir>~n", []),
    halt(2).

is_input(N) ->
    lists:suffix(".pretty", N) orelse lists:suffix(".compact", N).

codec(N) ->
    case lists:suffix(".pretty", N) of
        true  -> megaco_pretty_text_encoder;
        false -> megaco_compact_text_encoder
    end.

version(N) ->
    Parts = string:split(N, ".", all),
    [$v | V] = lists:nth(length(Parts) - 1, Parts),
    list_to_integer(V).

roundtrip(Dir, N) ->
    Path = filename:join(Dir, N),
    {ok, Bin} = file:read_file(Path),
    Codec = codec(N),
    V = version(N),
    try Codec:decode_message([], V, Bin) of
        {ok, Msg} ->
            case Codec:encode_message([], V, Msg) of
                {ok, Out} ->
                    ok = file:write_file(Path ++ ".erl", Out),
                    io:format("OK ~s~n", [N]);
                Err ->
                    io:format("ERR ~s encode ~0P~n", [N, Err, 12])
            end;
        {error, Reason} ->
            io:format("ERR ~s decode ~0P~n", [N, short(Reason), 12])
    catch
        C:E -> io:format("ERR ~s crash ~p:~0P~n", [N, C, E, 12])
    end.

short([{reason, R} | _]) -> R;
short(R) -> R.
