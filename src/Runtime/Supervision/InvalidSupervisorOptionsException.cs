using System;

namespace Arbor;

/// <summary>A supervisor option was rejected before anything started; the message names the option and the problem.</summary>
public sealed class InvalidSupervisorOptionsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidSupervisorOptionsException(string option, string problem)
        : base($"Invalid supervisor option {option}: {problem}.", option)
    {
        Option = option;
        Problem = problem;
    }

    /// <summary>The offending option.</summary>
    public string Option { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
