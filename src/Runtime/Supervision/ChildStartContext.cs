using System;
using System.Collections.Generic;

namespace Arbor;

/// <summary>
/// What a child's start function receives. It runs inside the supervisor's process and must start the child linked to
/// it (<see cref="StartOptions.Link"/> = true), as OTP's start functions do.
/// </summary>
public sealed class ChildStartContext
{
    /// <summary>Creates a context.</summary>
    public ChildStartContext(ArborNode node, IReadOnlyList<object?>? extraArguments = null)
    {
        Node = node ?? throw new ArgumentNullException(nameof(node));
        ExtraArguments = extraArguments ?? Array.Empty<object?>();
    }

    /// <summary>The node to start on.</summary>
    public ArborNode Node { get; }

    /// <summary>Arguments added at start time (a dynamic supervisor's <c>StartChild</c> extra arguments); empty otherwise.</summary>
    public IReadOnlyList<object?> ExtraArguments { get; }
}
