using System;
using System.Collections.Generic;

namespace Arbor.Fakes;

/// <summary>A call or cast a generated fake (<c>XFake</c>) received, in the order it arrived.</summary>
/// <param name="Name">The handler it was meant for, as declared on the real server (<c>Add</c>).</param>
/// <param name="IsCall">True for a call, false for a cast.</param>
/// <param name="Arguments">The request's arguments in declaration order.</param>
/// <param name="Display">The request as crash reports show it (<c>Counter.Add(5)</c>).</param>
public sealed record FakeRequest(string Name, bool IsCall, IReadOnlyList<object?> Arguments, string Display)
{
    /// <summary>The request as crash reports show it, e.g. <c>Counter.Add(5)</c>.</summary>
    public override string ToString() => Display;

    /// <summary>The argument at <paramref name="index"/>, typed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The request has no argument there.</exception>
    /// <exception cref="InvalidCastException">The argument is not a <typeparamref name="T"/>.</exception>
    public T Argument<T>(int index) => index >= 0 && index < Arguments.Count
        ? (T)Arguments[index]!
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"{Display} has {Arguments.Count} argument(s).");
}
