import RosterStore

/// The API keys screen: the organization's keys (a handful, loaded whole) and the selection.
public struct KeysState: Hashable, Sendable {
    public internal(set) var keys: [APIKey]
    public internal(set) var selection: SelectionModel<String>
    public internal(set) var isLoaded: Bool
    public internal(set) var isLoading: Bool

    public init(viewportHeight: Int = 1) {
        keys = []
        selection = SelectionModel(viewportHeight: viewportHeight)
        isLoaded = false
        isLoading = false
    }

    public var selectedKey: APIKey? {
        selection.selectedIndex.map { keys[$0] }
    }

    /// Puts a loaded list in: newest first, the selection kept on the same key.
    mutating func apply(_ loaded: [APIKey]) {
        keys = loaded.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        selection.replaceRows(keys.map(\.id))
        isLoaded = true
        isLoading = false
    }
}
