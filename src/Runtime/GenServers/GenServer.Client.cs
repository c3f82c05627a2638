using System;
using System.Threading;
using System.Threading.Tasks;
using Arbor.Distribution;
using Arbor.Distribution.Terms.Mapping;
using Arbor.Protocol;
using Arbor.Timers;

namespace Arbor;

public abstract partial class GenServer
{
    /// <summary>The call timeout used when none is given: 5 seconds, as in OTP.</summary>
    public static TimeSpan DefaultCallTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Starts a GenServer: <paramref name="factory"/> runs inside the new process (it is the init callback), then
    /// <see cref="InitAsync"/>. Completes once init has decided.
    /// </summary>
    /// <param name="node">The node to run on.</param>
    /// <param name="factory">Creates the server, for example <c>() =&gt; new Counter(0)</c>.</param>
    /// <param name="options">Name and link options.</param>
    public static ValueTask<StartResult> StartAsync(ArborNode node, Func<GenServer> factory, StartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var request = new StartResultRequest(factory);
        var holder = Process.Start(node, request, options ?? StartOptions.Default);
        return holder.IsNone ? request.Task : new ValueTask<StartResult>(StartResult.AlreadyStarted(holder));
    }

    /// <summary>
    /// Starts a GenServer like <see cref="StartAsync(ArborNode, Func{GenServer}, StartOptions?)"/> and returns a typed
    /// client for it; used by the generated <c>StartAsync</c>/<c>StartLinkAsync</c> helpers.
    /// </summary>
    /// <param name="node">The node to run on.</param>
    /// <param name="factory">Creates the server inside the new process.</param>
    /// <param name="options">Name and link options.</param>
    /// <param name="description">How the server is named in a <see cref="StartFailedException"/>.</param>
    /// <exception cref="StartFailedException">Init failed, stopped or returned ignore, or the name is taken (the task faults with it).</exception>
    public static ValueTask<TRef> StartAsync<TRef>(ArborNode node, Func<GenServer> factory, StartOptions? options, string description)
        where TRef : struct, IProcessRef<TRef>
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(description);
        var request = new TypedStartRequest<TRef>(factory, description);
        var holder = Process.Start(node, request, options ?? StartOptions.Default);
        return holder.IsNone
            ? request.Task
            : ValueTask.FromException<TRef>(new StartFailedException(description, StartResult.AlreadyStarted(holder)));
    }

    /// <summary>
    /// Sends a cast (fire and forget). Never fails for the sender: a cast to a dead process is dropped, and so is a cast
    /// made by the handler of a process that has already exited (killed while the handler ran on).
    /// </summary>
    public static void Cast(Pid target, CastMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Process.SenderHasExited)
        {
            return;
        }

        if (target.Process is { } process)
        {
            process.Enqueue(message);
        }
        else if (target.IsRemote)
        {
            var protocol = RemoteProtocolOf(target, message);
            RemoteRoute.For(target)?.Cast(Process.Current?.Pid ?? Pid.None, target, message, protocol);
        }
    }

    /// <summary>
    /// Sends a call and waits for the reply. Fails with <see cref="CallTimeoutException"/> after
    /// <paramref name="timeout"/> (default <see cref="DefaultCallTimeout"/>; <see cref="Timeout.InfiniteTimeSpan"/> for none),
    /// <see cref="NoProcessException"/> if the target does not exist, <see cref="ProcessExitedException"/> if it exits
    /// before replying, <see cref="CallingSelfException"/> when a process calls itself, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires. A late reply is dropped.
    /// </summary>
    public static ValueTask<T> CallAsync<T>(Pid target, CallMessage<T> message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var wait = timeout ?? DefaultCallTimeout;
        if (wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "A call timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }

        var process = target.Process;
        if (process is null)
        {
            return target.IsRemote
                ? CallRemoteAsync(target, message, wait, cancellationToken)
                : ValueTask.FromException<T>(new NoProcessException(target, (object)message));
        }

        message.TargetProcess = process;

        // One lookup of the calling thread's state serves the self-call check, the client, the timeout and the scheduling.
        var caller = Worker.This;
        message.CallerProcess = caller.Current;
        if (ReferenceEquals(process, caller.Current))
        {
            return ValueTask.FromException<T>(new CallingSelfException(target, (object)message));
        }

        if (cancellationToken.CanBeCanceled)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<T>(cancellationToken);
            }

            message.RegisterCancellation(cancellationToken);
        }

        if (ArborTelemetry.CallsObserved)
        {
            message.Observation = CallObservation.Start(target, GuardedText.Of(message));
        }

        var timed = wait != Timeout.InfiniteTimeSpan;
        var clock = process.Node.Clock;
        if (timed)
        {
            message.Timeout = wait;
            message.DueMs = clock.DueAfter(wait);
        }

        if (!process.EnqueueCall(message, caller))
        {
            message.TryFail(new NoProcessException(target, (object)message));
        }
        else if (timed)
        {
            clock.TrackCall(caller, message);
        }

        return message.AsValueTask();
    }

    /// <summary>
    /// A call to a process on another node (or a <c>{Name, Node}</c> address): the message travels as Erlang terms
    /// through its server's generated codecs, and fails with the same exceptions as a local call.
    /// </summary>
    private static ValueTask<T> CallRemoteAsync<T>(Pid target, CallMessage<T> message, TimeSpan wait, CancellationToken cancellationToken)
    {
        var protocol = RemoteProtocolOf(target, message);
        if (cancellationToken.CanBeCanceled)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<T>(cancellationToken);
            }

            message.RegisterCancellation(cancellationToken);
        }

        if (RemoteRoute.For(target) is { } distribution)
        {
            distribution.Call(target, message, protocol, wait);
        }
        else
        {
            // No local node is distributed (or none knows the target's node): as a lost connection.
            message.TryFail(new ProcessExitedException(target, ExitReason.NoConnection, (object)message));
        }

        return message.AsValueTask();
    }

    /// <summary>The term codecs a request needs to reach another node; only servers declared for it have them.</summary>
    private static IRemoteProtocol RemoteProtocolOf(Pid target, Envelope message) =>
        message is IRemoteRequest remote
            ? remote.RemoteProtocol
            : throw new ArgumentException(
                $"{target} is on another node, and {GuardedText.Of(message)} has no Erlang term form: declare its server [GenServer(Remote = true)] (or its protocol as a [GenServerProtocol] interface) to call it remotely.",
                nameof(target));

    /// <summary>
    /// Stops a GenServer from outside (OTP <c>gen_server:stop/3</c>): the server handles the request in mailbox order, runs
    /// <see cref="TerminateAsync"/> and exits with <paramref name="reason"/> (default <c>normal</c>). Returns once the
    /// process is gone: dead, its name free, its links and monitors fired.
    /// </summary>
    /// <param name="target">The server to stop.</param>
    /// <param name="reason">The exit reason; <see cref="ExitReason.Normal"/> when null.</param>
    /// <param name="timeout">How long to wait for the exit; <see cref="Timeout.InfiniteTimeSpan"/> (the default, as in OTP) for no limit.</param>
    /// <exception cref="NoProcessException">The process does not exist (noproc).</exception>
    /// <exception cref="CallingSelfException">A process tried to stop itself this way (it would wait for itself); use <c>Stop</c> in the handler.</exception>
    /// <exception cref="CallTimeoutException">The process had not exited within <paramref name="timeout"/> (terminate overran); it is not killed.</exception>
    /// <exception cref="ProcessExitedException">The process exited with another reason before it handled the stop (or terminate crashed).</exception>
    public static async Task StopAsync(Pid target, ExitReason? reason = null, TimeSpan? timeout = null)
    {
        reason ??= ExitReason.Normal;
        var wait = timeout ?? Timeout.InfiniteTimeSpan;
        if (wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "A stop timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }

        const string request = "stop";
        if (target.Process is not { } process)
        {
            throw new NoProcessException(target, request);
        }

        if (ReferenceEquals(process, Process.Current))
        {
            throw new CallingSelfException(target, request);
        }

        var exited = process.WaitForExit();
        if (!process.RequestSystemStop(reason))
        {
            throw new NoProcessException(target, request);
        }

        if (wait != Timeout.InfiniteTimeSpan)
        {
            var bounded = exited.AsTask();
            if (await Task.WhenAny(bounded, Task.Delay(wait)).ConfigureAwait(false) != bounded)
            {
                throw new CallTimeoutException(target, wait, request);
            }

            exited = new ValueTask<ExitReason>(bounded);
        }

        var actual = await exited.ConfigureAwait(false);
        if (!actual.Equals(reason))
        {
            throw new ProcessExitedException(target, actual, request);
        }
    }
}
