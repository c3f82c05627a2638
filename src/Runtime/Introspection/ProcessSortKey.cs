namespace Arbor.Introspection;

/// <summary>The column <see cref="NodeIntrospection.ListProcesses"/> sorts by.</summary>
public enum ProcessSortKey
{
    /// <summary>The pid (start order).</summary>
    Pid,

    /// <summary>The registered name (unnamed processes last).</summary>
    Name,

    /// <summary>The behaviour's type name.</summary>
    Behavior,

    /// <summary>Messages waiting in the mailbox.</summary>
    MailboxDepth,

    /// <summary>Messages handled while observed.</summary>
    MessagesHandled,

    /// <summary>Time spent in turns while observed.</summary>
    BusyTime,

    /// <summary>Links plus monitors held on it.</summary>
    Links,
}
