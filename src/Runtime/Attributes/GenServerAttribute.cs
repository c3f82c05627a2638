using System;

namespace Arbor;

/// <summary>
/// Marks a <c>partial</c> class as a GenServer. The Arbor source generator makes the class derive from
/// <see cref="GenServer"/> and writes its mailbox dispatch, a typed client (<c>XxxRef</c> / <c>IXxxClient</c>),
/// start helpers and a supervisor child spec.
/// </summary>
/// <remarks>The public constructor is the init callback: it runs inside the new process and its parameters are the start arguments.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class GenServerAttribute : Attribute
{
}
