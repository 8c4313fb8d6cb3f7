using Orleans.Storage;

namespace IncidentActors.AzureStorage;

/// <summary>Settings of one Azure Table grain storage provider.</summary>
public sealed class AzureTableGrainStorageOptions
{
    /// <summary>Azure Storage connection string (table and blob endpoints of one account). Required unless <see cref="Account"/> is set.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The account's services when reached otherwise (endpoints and a token credential); instead of <see cref="ConnectionString"/>.</summary>
    public StorageAccount? Account { get; set; }

    /// <summary>Table holding one entity per grain state.</summary>
    public string TableName { get; set; } = "IncidentActorsGrainState";

    /// <summary>
    /// 0 (the default): each grain state has a partition of its own. N: states are spread over N partitions by a hash
    /// of their grain id, and concurrent writes to one partition are committed together as entity group transactions,
    /// which stores many states in one request under load. Choose once per table: states stored under one setting are
    /// not found under another. Azure serves each partition up to about 2 000 entities a second, so N bounds the
    /// storage's write rate at about 2 000 × N.
    /// </summary>
    public int SharedPartitions { get; set; }

    /// <summary>
    /// How many tables the states are spread over, by the same hash as partitions: 1 (the default) keeps them all in
    /// <see cref="TableName"/>, N in <see cref="TableName"/> followed by 0 to N-1. Azure Tables scale by partition, so
    /// 1 suits Azure; the Azurite emulator spends time on every update in proportion to the entities of its table, which
    /// several tables divide. Choose once, as for partitions.
    /// </summary>
    public int Tables { get; set; } = 1;

    /// <summary>Blob container for states too large for one table entity.</summary>
    public string ContainerName { get; set; } = "incidentactors-grainstate";

    /// <summary>
    /// Serializer of grain state. When unset, Orleans' binary serializer is used: the project's state types are
    /// <c>[GenerateSerializer]</c> records whose <c>[Id]</c>s are the versioning contract, whereas the serializer
    /// Orleans registers by default is Newtonsoft JSON.
    /// </summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }
}
