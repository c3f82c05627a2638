using System;
using System.Threading.Tasks;

namespace Arbor.Comparison;

/// <summary>
/// A workload only some runtimes take part in (Arbor's gen_statem and gen_event counterparts, compared with Erlang/OTP);
/// the others have no row value, and the table shows "-" for them.
/// </summary>
/// <param name="Name">The row name, e.g. <c>statem-cast</c>.</param>
/// <param name="Operations">Operations per run, for the rate.</param>
/// <param name="Run">One timed run.</param>
/// <param name="Unit">The rate's unit, e.g. <c>msgs/s</c>.</param>
public sealed record ExtraWorkload(string Name, int Operations, Func<Task> Run, string Unit);
