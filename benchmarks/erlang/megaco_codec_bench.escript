#!/usr/bin/env escript
%%! -noshell +sbwt none +sbwtdcpu none +sbwtdio none
%%
%% The Erlang/OTP megaco baseline for mediasec's H248TextCodecBenchmark: decode and encode time
%% per message with megaco's own text codecs on the very same octets.
%%
%%   escript megaco_codec_bench.escript <dir> [WarmupSeconds Iterations IterationSeconds]
%%
%% <dir> holds <name>.v<Version>.pretty|compact (written by
%% `java -cp benchmarks.jar org.mediasec.h248.text.H248BenchCorpus <dir>`). Defaults: 3 5 1, as
%% JMH's -wi 3 -w 1s -i 5 -r 1s: warm-up for WarmupSeconds, then Iterations timed iterations of
%% about IterationSeconds each; one iteration = K passes over the whole set.
%%
%% The method follows megaco's examples/meas/megaco_codec_meas.erl (which Debian ships only in
%% erlang-examples, not in erlang-megaco): Codec:decode_message(Conf, Version, Bin) and
%% Codec:encode_message(Conf, Version, Msg) in a loop in a fresh process, per codec, with and
%% without the flex scanner (megaco's C scanner, a linked-in driver: Conf = [{flex, Port}]); the
%% encoder takes the records decoded without flex. Differences: time-based warm-up and iterations
%% instead of megaco's calibrated 1 s per message, and the mean over the whole set per pass.
%%
%% Output, one line per figure (the last field is the unit):
%%   RESULT <pretty|compact> <decode|encode> <plain|flex> <mean> <min> <max> <cpu> ns/msg
%% mean/min/max: wall-clock ns per message over the iterations; cpu: CPU ns per message over all
%% iterations, from statistics(runtime) (the whole VM, ms resolution; scheduler busy-wait is off,
%% see the %%! line, so idle schedulers do not count), which a loaded machine does not inflate.
%%   SIZE <pretty|compact> <input|megaco_output> <mean octets> bytes
%%   INFO ...
%%
-mode(compile).

main([Dir]) ->
    main([Dir, "3", "5", "1"]);
main([Dir, W, I, R]) ->
    Warmup = list_to_integer(W) * 1000000000,
    Iters = list_to_integer(I),
    IterNs = list_to_integer(R) * 1000000000,
    info(),
    Flex = start_flex(),
    lists:foreach(fun(Style) -> bench(Dir, Style, Flex, Warmup, Iters, IterNs) end, [pretty, compact]),
    halt(0);
main(_) ->
    io:format(standard_error,
              "usage: megaco_codec_bench.escript <dir> [WarmupSeconds Iterations IterationSeconds]~n", []),
    halt(2).

info() ->
    _ = application:load(megaco),
    {ok, Vsn} = application:get_key(megaco, vsn),
    io:format("INFO otp ~s erts ~s megaco ~s emulator ~p schedulers ~p~n",
              [erlang:system_info(otp_release), erlang:system_info(version), Vsn,
               erlang:system_info(emu_flavor), erlang:system_info(schedulers_online)]).

start_flex() ->
    case catch megaco_flex_scanner:start() of
        {ok, PortOrPorts} ->
            io:format("INFO flex scanner started (reentrant ~p)~n",
                      [megaco_flex_scanner:is_reentrant_enabled()]),
            [{flex, PortOrPorts}];
        Other ->
            io:format("INFO flex scanner not available: ~0p~n", [Other]),
            none
    end.

codec(pretty) -> megaco_pretty_text_encoder;
codec(compact) -> megaco_compact_text_encoder.

load(Dir, Style) ->
    Ext = "." ++ atom_to_list(Style),
    {ok, Names} = file:list_dir(Dir),
    [begin
         {ok, Bin} = file:read_file(filename:join(Dir, N)),
         {version(N), Bin}
     end || N <- lists:sort(Names), lists:suffix(Ext, N)].

version(N) ->
    Parts = string:split(N, ".", all),
    [$v | V] = lists:nth(length(Parts) - 1, Parts),
    list_to_integer(V).

bench(Dir, Style, Flex, Warmup, Iters, IterNs) ->
    Codec = codec(Style),
    Inputs = load(Dir, Style),
    N = length(Inputs),
    N > 0 orelse error({no_messages, Dir, Style}),
    %% decode once (no flex), keep the records for the encoder; every message must round-trip
    Decoded = [begin
                   {ok, M} = Codec:decode_message([], V, Bin),
                   {V, M}
               end || {V, Bin} <- Inputs],
    Outs = [begin {ok, Out} = Codec:encode_message([], V, M), Out end || {V, M} <- Decoded],
    io:format("SIZE ~s input ~.1f bytes~n", [Style, avg([byte_size(B) || {_, B} <- Inputs])]),
    io:format("SIZE ~s megaco_output ~.1f bytes~n", [Style, avg([iolist_size(O) || O <- Outs])]),
    io:format("INFO ~s ~p messages~n", [Style, N]),
    Dec = fun(Conf) ->
                  fun() -> lists:foreach(fun({V, Bin}) -> {ok, _} = Codec:decode_message(Conf, V, Bin) end,
                                         Inputs) end
          end,
    Enc = fun() -> lists:foreach(fun({V, M}) -> {ok, _} = Codec:encode_message([], V, M) end, Decoded) end,
    report(Style, decode, plain, N, measure(Dec([]), Warmup, Iters, IterNs)),
    case Flex of
        none -> ok;
        Conf -> report(Style, decode, flex, N, measure(Dec(Conf), Warmup, Iters, IterNs))
    end,
    report(Style, encode, plain, N, measure(Enc, Warmup, Iters, IterNs)).

report(Style, Op, Conf, N, {PassTimes, CpuPerPass}) ->
    PerMsg = [T / N || T <- PassTimes],
    io:format("RESULT ~s ~s ~s ~.1f ~.1f ~.1f ~.1f ns/msg~n",
              [Style, Op, Conf, avg(PerMsg), lists:min(PerMsg), lists:max(PerMsg), CpuPerPass / N]).

%% Runs in a fresh process, as megaco_codec_meas does. Returns {wall ns per pass over the set, one
%% figure per iteration; CPU ns per pass over all iterations}.
measure(Pass, Warmup, Iters, IterNs) ->
    {Pid, Ref} = spawn_monitor(fun() -> exit({result, do_measure(Pass, Warmup, Iters, IterNs)}) end),
    receive
        {'DOWN', Ref, process, Pid, {result, R}} -> R;
        {'DOWN', Ref, process, Pid, Other} -> error({measure_failed, Other})
    end.

do_measure(Pass, Warmup, Iters, IterNs) ->
    {WPasses, WTime} = run_for(Pass, Warmup),
    K = max(1, round(IterNs / (WTime / WPasses))),
    {Cpu0, _} = statistics(runtime),
    Wall = [begin
                T0 = now_ns(),
                loop(Pass, K),
                (now_ns() - T0) / K
            end || _ <- lists:seq(1, Iters)],
    {Cpu1, _} = statistics(runtime),
    {Wall, (Cpu1 - Cpu0) * 1000000 / (K * Iters)}.

run_for(Pass, Ns) ->
    T0 = now_ns(),
    run_for(Pass, T0, T0 + Ns, 0).

run_for(Pass, T0, Until, Count) ->
    Pass(),
    Now = now_ns(),
    if
        Now >= Until -> {Count + 1, Now - T0};
        true -> run_for(Pass, T0, Until, Count + 1)
    end.

loop(_Pass, 0) -> ok;
loop(Pass, K) -> Pass(), loop(Pass, K - 1).

now_ns() -> erlang:monotonic_time(nanosecond).

avg(L) -> lists:sum(L) / length(L).
