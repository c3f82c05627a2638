// Positive: a hosted-service-like class starts a worker per tenant, unsupervised.
using System.Collections.Generic;
using System.Threading.Tasks;
using Arbor;

namespace Corpus.UnsupervisedStart.P03;

[GenServer]
public partial class TenantWorker
{
    private readonly string _tenant;
    public TenantWorker(string tenant) => _tenant = tenant;
    [Call] public string Tenant() => _tenant;
}

public sealed class TenantService
{
    private readonly ArborNode _node;
    private readonly List<TenantWorkerRef> _workers = new();

    public TenantService(ArborNode node) => _node = node;

    public static ChildSpec Spec(string tenant) => TenantWorker.ChildSpec(tenant, id: tenant);

    public async Task AddAsync(string tenant)
    {
        _workers.Add(await TenantWorker.StartAsync(_node, tenant)); //~ ARB1007
    }
}
