namespace Arbor;

/// <summary>Which children a supervisor restarts when one of them has to be restarted (OTP restart strategy).</summary>
public enum Strategy
{
    /// <summary>Only the child that exited is restarted (<c>one_for_one</c>).</summary>
    OneForOne,

    /// <summary>
    /// All other children are terminated in reverse start order, then all of them are started again in start order
    /// (<c>one_for_all</c>): for children that cannot work without each other.
    /// </summary>
    OneForAll,

    /// <summary>
    /// The children started after the one that exited are terminated in reverse start order, then it and they are started
    /// again in start order (<c>rest_for_one</c>): for children that depend on the ones started before them.
    /// </summary>
    RestForOne,
}
