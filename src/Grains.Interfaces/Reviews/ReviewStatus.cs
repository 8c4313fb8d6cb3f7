namespace IncidentActors.Reviews;

/// <summary>Where a review stands. Numbers are stored: never renumber.</summary>
[GenerateSerializer]
public enum ReviewStatus
{
    Draft = 1,
    InReview = 2,
    Published = 3,
}
