using System.Threading.Tasks;
using Arbor.Comparison;
using Arbor.Comparison.Akka;

// benchmarks/compare.sh runs this with "run <scale> <rounds>" and, in a fresh process, "memory <count>".
return await ComparisonMain.RunAsync(args, () => new AkkaComparedRuntime());
