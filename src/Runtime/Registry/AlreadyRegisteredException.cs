using System;

namespace Arbor;

/// <summary>A name is already held by another process (OTP <c>{already_registered, Pid}</c>).</summary>
public sealed class AlreadyRegisteredException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public AlreadyRegisteredException(string name, Pid holder)
        : base($"The name '{name}' is already registered to {holder}.")
    {
        Name = name;
        Holder = holder;
    }

    /// <summary>The contested name.</summary>
    public string Name { get; }

    /// <summary>The process holding it.</summary>
    public Pid Holder { get; }
}
