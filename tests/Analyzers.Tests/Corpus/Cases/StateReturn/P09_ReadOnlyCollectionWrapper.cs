// Positive: new ReadOnlyCollection over the field wraps, it does not copy.
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Arbor;

namespace Corpus.StateReturn.P09;

[GenServer]
public partial class Playlist
{
    private readonly List<string> _songs = new();

    [Cast] public void Queue(string song) => _songs.Add(song);
    [Call] public ReadOnlyCollection<string> Songs() => new ReadOnlyCollection<string>(_songs); //~ ARB1003
}

public static class App
{
    public static ChildSpec[] Children() => new[] { Playlist.ChildSpec() };
}
