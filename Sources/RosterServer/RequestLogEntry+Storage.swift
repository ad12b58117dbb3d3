import RosterStore

extension RequestLogEntry {
    /// The entry as the store keeps it: a successful read (a GET answered 2xx) is stored without
    /// its response body, its request headers and its resource id; everything else is kept as
    /// recorded.
    ///
    /// Why: reads are most of what a provisioning client sends (Okta looks every user up before
    /// it writes), their bodies are the stored resources themselves (readable in the Members and
    /// Teams tabs), a successful read's headers say little the entry does not (the key's prefix and
    /// the client are columns of their own), and indexing each read under its resource put one
    /// random page write into every logged GET. With all of them the request log cost more than the
    /// lookup it recorded; without them, logging costs a `GET /Users/{id}` about a tenth (README ›
    /// Performance). The summary and path still name what was read; a resource's history in the
    /// store is its writes and failures.
    var storedForm: RequestLogEntry {
        guard isSuccessfulRead else { return self }
        var stored = self
        stored.responseBody = ""
        stored.requestHeaders = [:]
        stored.resourceID = nil
        return stored
    }
}
