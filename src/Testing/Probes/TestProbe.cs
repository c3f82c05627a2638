using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Arbor.Protocol;

namespace Arbor.Testing;

/// <summary>
/// A process a test controls: it receives anything sent to it (plain sends, casts, calls, <see cref="Down"/> and
/// <see cref="Exited"/> notices), and the test asserts on what arrived, in arrival order (Akka's <c>TestProbe</c>, ExUnit's
/// <c>assert_receive</c>). Hand its <see cref="Pid"/> to the code under test as a collaborator, a subscriber or a parent.
/// </summary>
/// <remarks>
/// One test reads a probe at a time: expectations take messages off the front of its queue. A call made to the probe by
/// the code under test arrives as its <see cref="CallMessage{TResult}"/>; answer it with <see cref="Reply{T}"/>, or leave
/// it and the caller times out.
/// </remarks>
public sealed class TestProbe : IAsyncDisposable
{
    private readonly ArborNode _node;
    private readonly ChannelReader<object> _inbox;
    private readonly List<object> _taken = new();

    private TestProbe(ArborNode node, Pid pid, ChannelReader<object> inbox, TimeSpan defaultTimeout)
    {
        _node = node;
        Pid = pid;
        _inbox = inbox;
        DefaultTimeout = defaultTimeout;
    }

    /// <summary>The probe's process: give it to the code under test.</summary>
    public Pid Pid { get; }

    /// <summary>How long an expectation waits when it is given no timeout.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>Every message an expectation has taken from this probe so far, oldest first (failure messages list them).</summary>
    public IReadOnlyList<object> Received => _taken;

    /// <summary>
    /// Starts a probe on <paramref name="node"/>. Prefer <see cref="ArborTestNode.CreateProbeAsync"/>, which also stops it
    /// when the test ends; a probe started here is stopped by <see cref="DisposeAsync"/>.
    /// </summary>
    /// <param name="node">The node to run on.</param>
    /// <param name="name">A name to register the probe under, to stand in for a named collaborator; none by default.</param>
    /// <param name="trapExit">Whether the probe traps exits from the start (needed for <see cref="ExpectExitAsync"/>).</param>
    /// <param name="defaultTimeout">How long expectations wait by default; 3 seconds when null.</param>
    public static async Task<TestProbe> StartAsync(ArborNode node, string? name = null, bool trapExit = false, TimeSpan? defaultTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var result = await GenServer.StartAsync(node, () => new ProbeServer(channel.Writer), new StartOptions { Name = name }).ConfigureAwait(false);
        var probe = new TestProbe(node, result.EnsureStarted(name is null ? "test probe" : $"test probe '{name}'"), channel.Reader, defaultTimeout ?? ArborTestNodeOptions.DefaultExpectTimeout);
        if (trapExit)
        {
            await probe.SetTrapExitAsync(true).ConfigureAwait(false);
        }

        return probe;
    }

    /// <summary>
    /// Answers a call the probe received (take it with <c>ExpectMessageAsync&lt;CallMessage&lt;T&gt;&gt;()</c>), so a probe
    /// can stand in for a server the code under test calls. False if the call was already answered or its caller gave up.
    /// </summary>
    public bool Reply<T>(CallMessage<T> call, T value)
    {
        ArgumentNullException.ThrowIfNull(call);
        return ProbeServer.ReplyTokenFor(call).Reply(value);
    }

    /// <summary>Sends <paramref name="message"/> to the probe, as any process would.</summary>
    public void Send(object message) => Pid.Send(message);

    /// <summary>Makes the probe monitor <paramref name="target"/>; its <see cref="Down"/> arrives as a message (see <see cref="ExpectDownAsync"/>).</summary>
    public async Task<MonitorRef> MonitorAsync(Pid target) => (MonitorRef)(await RunInsideAsync(p => p.MonitorOf(target)).ConfigureAwait(false))!;

    /// <summary>Removes a monitor the probe set, dropping its <see cref="Down"/> if that was already delivered to the process.</summary>
    public async Task<bool> DemonitorAsync(MonitorRef reference) => (bool)(await RunInsideAsync(p => p.DemonitorOf(reference)).ConfigureAwait(false))!;

    /// <summary>Links the probe to <paramref name="other"/>. Unless the probe traps exits, the other's crash stops the probe.</summary>
    public Task LinkAsync(Pid other) => RunInsideAsync(p =>
    {
        p.LinkTo(other);
        return null;
    });

    /// <summary>Removes a link between the probe and <paramref name="other"/>.</summary>
    public Task UnlinkAsync(Pid other) => RunInsideAsync(p =>
    {
        p.UnlinkFrom(other);
        return null;
    });

    /// <summary>Turns exit trapping on or off: when on, exit signals from linked processes arrive as <see cref="Exited"/> messages.</summary>
    public Task SetTrapExitAsync(bool trap) => RunInsideAsync(p =>
    {
        p.Trapping = trap;
        return null;
    });

    /// <summary>Takes the next message, whatever it is.</summary>
    /// <exception cref="ExpectationFailedException">Nothing arrived within the timeout.</exception>
    public async Task<object> ReceiveAsync(TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultTimeout;
        return await NextAsync(wait, "any message").ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the next message and checks that it is a <typeparamref name="T"/> (matching <paramref name="predicate"/>
    /// when one is given). The next message decides: a different message fails the expectation rather than being skipped
    /// (use <see cref="FishForMessageAsync{T}"/> to skip).
    /// </summary>
    /// <returns>The message, to assert on further.</returns>
    /// <exception cref="ExpectationFailedException">Nothing arrived within the timeout, or the next message is not the one expected.</exception>
    public Task<T> ExpectMessageAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) =>
        ExpectAsync(predicate is null ? $"a {Render.TypeName(typeof(T))}" : $"a {Render.TypeName(typeof(T))} matching the predicate", predicate, timeout);

    /// <summary>Takes the next message and checks that it equals <paramref name="expected"/> (records compare by value).</summary>
    /// <exception cref="ExpectationFailedException">Nothing arrived within the timeout, or the next message differs.</exception>
    public Task<T> ExpectMessageAsync<T>(T expected, TimeSpan? timeout = null)
        where T : notnull =>
        ExpectAsync<T>(Render.Value(expected), message => EqualityComparer<T>.Default.Equals(message, expected), timeout);

    /// <summary>
    /// Takes messages until one is a <typeparamref name="T"/> matching <paramref name="predicate"/>; the others are
    /// dropped. Use it when the code under test may send things this test does not care about.
    /// </summary>
    /// <exception cref="ExpectationFailedException">No matching message arrived within the timeout; the message lists the ones skipped.</exception>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultTimeout;
        var wanted = predicate is null ? $"a {Render.TypeName(typeof(T))}" : $"a {Render.TypeName(typeof(T))} matching the predicate";
        var skipped = new List<object>();
        using var deadline = new CancellationTokenSource(wait);
        while (true)
        {
            var message = await TryNextAsync(deadline.Token).ConfigureAwait(false);
            if (message is null)
            {
                throw new ExpectationFailedException(
                    $"Probe {Pid} fished for {wanted} for {Render.Seconds(wait)} and found none. Skipped:" +
                    Render.List(skipped, Render.Value, " nothing (no message arrived)"));
            }

            if (message is T typed && (predicate is null || predicate(typed)))
            {
                return typed;
            }

            skipped.Add(message);
        }
    }

    /// <summary>
    /// Expects the next message to be the <see cref="Down"/> for <paramref name="pid"/> (monitor it first with
    /// <see cref="MonitorAsync"/>).
    /// </summary>
    /// <returns>The notice; its <see cref="Down.Reason"/> is the exit reason.</returns>
    /// <exception cref="ExpectationFailedException">No such notice arrived within the timeout, or another message came first.</exception>
    public Task<Down> ExpectDownAsync(Pid pid, TimeSpan? timeout = null) => ExpectAsync<Down>($"the Down of {pid}", down => down.Pid == pid, timeout);

    /// <summary>
    /// Expects the next message to be the <see cref="Exited"/> signal from <paramref name="pid"/> (link to it with
    /// <see cref="LinkAsync"/> and trap exits with <see cref="SetTrapExitAsync"/> first).
    /// </summary>
    /// <returns>The signal; its <see cref="Exited.Reason"/> is the exit reason.</returns>
    /// <exception cref="ExpectationFailedException">No such signal arrived within the timeout, or another message came first.</exception>
    public Task<Exited> ExpectExitAsync(Pid pid, TimeSpan? timeout = null) => ExpectAsync<Exited>($"the Exited signal from {pid}", exited => exited.From == pid, timeout);

    /// <summary>
    /// Checks that no message is waiting, deterministically: the probe first handles a request from the test, so every
    /// message that reached its mailbox before this call (for example everything the test itself sent) has been seen.
    /// Messages still on their way from other processes are not covered; use <see cref="ExpectNoMessageAsync(TimeSpan)"/> for those.
    /// </summary>
    /// <exception cref="ExpectationFailedException">A message was waiting; the message names it.</exception>
    public async Task ExpectNoMessageAsync()
    {
        await RunInsideAsync(_ => null).ConfigureAwait(false);
        if (_inbox.TryRead(out var unexpected))
        {
            _taken.Add(unexpected);
            throw new ExpectationFailedException($"Probe {Pid} expected no message but had received {Render.Value(unexpected)}.");
        }
    }

    /// <summary>Checks that no message arrives for <paramref name="duration"/>. It waits the whole duration, so keep it short.</summary>
    /// <exception cref="ExpectationFailedException">A message arrived; the message names it.</exception>
    public async Task ExpectNoMessageAsync(TimeSpan duration)
    {
        using var deadline = new CancellationTokenSource(duration);
        var message = await TryNextAsync(deadline.Token).ConfigureAwait(false);
        if (message is not null)
        {
            throw new ExpectationFailedException($"Probe {Pid} expected no message for {Render.Seconds(duration)} but received {Render.Value(message)}.");
        }
    }

    /// <summary>Stops the probe (reason <c>normal</c>, no crash report) and waits until it has exited.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Pid.IsAlive)
        {
            try
            {
                await RunInsideAsync(p =>
                {
                    p.StopNormally();
                    return null;
                }).ConfigureAwait(false);
            }
            catch (CallException)
            {
                // It exited on its own (a link took it down) between the check and the request: nothing left to stop.
            }
        }

        await _node.WhenExited(Pid).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => $"TestProbe({Pid})";

    private async Task<T> ExpectAsync<T>(string wanted, Func<T, bool>? predicate, TimeSpan? timeout)
    {
        var message = await NextAsync(timeout ?? DefaultTimeout, wanted).ConfigureAwait(false);
        if (message is T typed && (predicate is null || predicate(typed)))
        {
            return typed;
        }

        throw new ExpectationFailedException($"Probe {Pid} expected {wanted} but the next message was {Render.Value(message)}." + Earlier(skipLast: 1));
    }

    private async Task<object?> RunInsideAsync(Func<ProbeServer, object?> action) =>
        await GenServer.CallAsync(Pid, new ProbeRequest(action), DefaultTimeout).ConfigureAwait(false);

    private async Task<object> NextAsync(TimeSpan timeout, string wanted)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await TryNextAsync(deadline.Token).ConfigureAwait(false)
            ?? throw new ExpectationFailedException($"Probe {Pid} expected {wanted} within {Render.Seconds(timeout)} but received nothing." + Earlier(skipLast: 0) + ExitNote());
    }

    /// <summary>The next message, or null once <paramref name="deadline"/> passes.</summary>
    private async Task<object?> TryNextAsync(CancellationToken deadline)
    {
        try
        {
            var message = await _inbox.ReadAsync(deadline).ConfigureAwait(false);
            _taken.Add(message);
            return message;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Says so when the probe itself is dead (a link took it down): then nothing can arrive.</summary>
    private string ExitNote()
    {
        var exit = _node.WhenExited(Pid);
        return exit.IsCompletedSuccessfully ? $" The probe itself has exited ({exit.Result}): link it only while it traps exits." : string.Empty;
    }

    /// <summary>The messages taken before the one being judged (the last <paramref name="skipLast"/> taken), newest last.</summary>
    private string Earlier(int skipLast)
    {
        var end = _taken.Count - skipLast;
        var count = Math.Min(end, 10);
        return count == 0
            ? " Nothing had been received before."
            : " Received before (oldest first):" + Render.List(_taken.GetRange(end - count, count), Render.Value, string.Empty);
    }
}
