namespace PerpStudio.Venues.Contract;

/// <summary>
/// The venue could not be reached or did not answer: a transport failure, not a refusal. A router may retry or
/// fail over. When <see cref="OutcomeUnknown"/> is true the request may have taken effect: retry a placement with
/// the same client order id (idempotent) or look the order up, never place it under a new id.
/// </summary>
public class VenueUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VenueUnavailableException()
        : this("the venue is unavailable", outcomeUnknown: false)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VenueUnavailableException(string message)
        : this(message, outcomeUnknown: false)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public VenueUnavailableException(string message, Exception innerException)
        : this(message, outcomeUnknown: false, innerException)
    {
    }

    /// <summary>Creates the exception saying whether the request may have taken effect.</summary>
    public VenueUnavailableException(string message, bool outcomeUnknown, Exception? innerException = null)
        : base(message, innerException)
    {
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>True when the request may have been applied by the venue before the failure.</summary>
    public bool OutcomeUnknown { get; }
}

/// <summary>The venue did not answer in time; the request may or may not have taken effect.</summary>
public sealed class VenueTimeoutException : VenueUnavailableException
{
    /// <summary>Creates the exception.</summary>
    public VenueTimeoutException()
        : this("the venue did not answer in time")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VenueTimeoutException(string message)
        : base(message, outcomeUnknown: true)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public VenueTimeoutException(string message, Exception innerException)
        : base(message, outcomeUnknown: true, innerException)
    {
    }
}
