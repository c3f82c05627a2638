// Negative: the self alias is only used to cast and to hand out the client.
using Arbor;

namespace Corpus.SelfCall.N02;

public sealed record Subscribe(TopicRef Topic);

[GenServer]
public partial class Topic
{
    private readonly TopicRef _self;
    private int _published;

    public Topic() => _self = SelfRef;

    [Cast] public void Publish(string text) => _published++;
    [Call] public TopicRef Handle() => _self;

    [Cast]
    public void Republish(string text)
    {
        var me = _self;
        me.Publish(text);
    }
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Topic.ChildSpec() };
}
