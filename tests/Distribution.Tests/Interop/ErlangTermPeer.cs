using System.Buffers.Binary;
using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Tests.Shared;

namespace Arbor.Distribution.Tests.Interop;

/// <summary>
/// One <c>erl -noshell</c> process serving a test class: it reads requests framed with a 4-byte length on stdin and
/// answers on stdout (Erlang's <c>{packet, 4}</c> over fd 0/1). Started on first use, killed on dispose; erl also halts by
/// itself when stdin closes or after two idle minutes, so it can never outlive the test run. Every exchange is bounded by
/// a timeout, so a wedged erl fails the test instead of hanging it.
/// </summary>
public sealed class ErlangTermPeer : IDisposable
{
    private static readonly TimeSpan ExchangeTimeout = TimeSpan.FromSeconds(60);

    // Requests: 0 = binary_to_term then term_to_binary (minor_version 2); 1 = evaluate an Erlang expression and return
    // term_to_binary of its value; 2 = <<SrcLength:32, Src, Bytes>>: is binary_to_term(Bytes) =:= the expression's value?
    // Replies: <<0, Bytes>> on success, <<1, Text>> with the Erlang error.
    private const string Program = """
        process_flag(trap_exit, true),
        Port = open_port({fd, 0, 1}, [{packet, 4}, binary]),
        Eval = fun(Src) ->
            {ok, Tokens, _} = erl_scan:string(unicode:characters_to_list(Src) ++ "."),
            {ok, Exprs} = erl_parse:parse_exprs(Tokens),
            {value, Value, _} = erl_eval:exprs(Exprs, []),
            Value
        end,
        Handle = fun
            (<<0, Bytes/binary>>) -> term_to_binary(binary_to_term(Bytes), [{minor_version, 2}]);
            (<<1, Src/binary>>) -> term_to_binary(Eval(Src), [{minor_version, 2}]);
            (<<2, Length:32, Src:Length/binary, Bytes/binary>>) -> term_to_binary(binary_to_term(Bytes) =:= Eval(Src), [{minor_version, 2}])
        end,
        Loop = fun Loop() ->
            receive
                {Port, {data, Request}} ->
                    Reply = try <<0, (Handle(Request))/binary>>
                            catch Class:Reason -> <<1, (unicode:characters_to_binary(io_lib:format("~p:~p", [Class, Reason])))/binary>>
                            end,
                    port_command(Port, Reply),
                    Loop();
                {'EXIT', Port, _} -> halt(0)
            after 120000 -> halt(1)
            end
        end,
        Loop().
        """;

    private readonly Lock _gate = new();
    private readonly StringBuilder _stderr = new();
    private OsProcess? _erl;

    /// <summary>Asks erl to decode <paramref name="encoded"/> (with version byte) and re-encode it; returns erl's bytes.</summary>
    public byte[] RoundTrip(ReadOnlySpan<byte> encoded) => Exchange(0, encoded);

    /// <summary>Evaluates an Erlang expression in erl; returns <c>term_to_binary</c> of its value.</summary>
    public byte[] Evaluate(string expression) => Exchange(1, Encoding.UTF8.GetBytes(expression));

    /// <summary>True when erl decodes <paramref name="encoded"/> to a term <c>=:=</c> the value of <paramref name="expression"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> encoded, string expression)
    {
        var source = Encoding.UTF8.GetBytes(expression);
        var request = new byte[4 + source.Length + encoded.Length];
        BinaryPrimitives.WriteInt32BigEndian(request, source.Length);
        source.CopyTo(request, 4);
        encoded.CopyTo(request.AsSpan(4 + source.Length));
        var reply = Exchange(2, request);
        var reader = new TermReader(reply, new AtomTable(16));
        reader.TryReadVersion();
        return reader.ReadTerm() is true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_erl is { } erl)
            {
                try
                {
                    if (!erl.HasExited)
                    {
                        erl.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Exited between the check and the kill.
                }

                erl.Dispose();
                _erl = null;
            }
        }
    }

    private byte[] Exchange(byte operation, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            var erl = _erl ??= Start();
            var frame = new byte[4 + 1 + payload.Length];
            BinaryPrimitives.WriteInt32BigEndian(frame, 1 + payload.Length);
            frame[4] = operation;
            payload.CopyTo(frame.AsSpan(5));
            var input = erl.StandardInput.BaseStream;
            var output = erl.StandardOutput.BaseStream;
            Bounded(input.WriteAsync(frame).AsTask(), "writing to erl");
            Bounded(input.FlushAsync(), "writing to erl");
            var header = new byte[4];
            Bounded(output.ReadExactlyAsync(header).AsTask(), "reading erl's reply length");
            var reply = new byte[BinaryPrimitives.ReadInt32BigEndian(header)];
            Bounded(output.ReadExactlyAsync(reply).AsTask(), "reading erl's reply");
            if (reply[0] != 0)
            {
                throw new InvalidOperationException($"erl failed: {Encoding.UTF8.GetString(reply, 1, reply.Length - 1)}");
            }

            return reply[1..];
        }
    }

    private void Bounded(Task task, string what)
    {
        try
        {
            task.WaitAsync(ExchangeTimeout).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is TimeoutException or EndOfStreamException or IOException)
        {
            string stderr;
            lock (_stderr)
            {
                stderr = _stderr.ToString();
            }

            throw new InvalidOperationException($"{what} failed ({e.GetType().Name}); erl's stderr: {stderr}", e);
        }
    }

    private OsProcess Start()
    {
        var start = new ProcessStartInfo(ErlangTools.Require("erl"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-noshell", "-noinput", "-eval", Program })
        {
            start.ArgumentList.Add(argument);
        }

        var erl = OsProcess.Start(start) ?? throw new InvalidOperationException("erl did not start");
        erl.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        erl.BeginErrorReadLine();
        return erl;
    }
}
