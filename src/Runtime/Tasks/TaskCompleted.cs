namespace Arbor.Tasks;

/// <summary>The message a process receives when a task it started with a <c>StartTask</c> overload finishes without a result.</summary>
/// <param name="Task">The task.</param>
public sealed record TaskCompleted(TaskRef Task);

/// <summary>The message a process receives when a task it started with a <c>StartTask</c> overload returns a result.</summary>
/// <param name="Task">The task.</param>
/// <param name="Result">What the task's work returned.</param>
/// <typeparam name="T">The result type.</typeparam>
public sealed record TaskCompleted<T>(TaskRef Task, T Result);
