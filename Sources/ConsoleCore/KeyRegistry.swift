/// One key binding: keys · action · context · help text · optional hint. The registry is a list of these, and help,
/// hints and lookups are all generated from it (mitmproxy's keymap, k9s `KeyActions`).
public struct KeyBinding: Hashable, Sendable {
    /// How a binding appears in the bottom hint line.
    public struct Hint: Hashable, Sendable {
        /// Short label after the key: `filter` in `/ filter`.
        public var label: String
        /// Replaces the key's own label when one hint stands for several bindings (`1-4 screens`, `n/N`).
        public var key: String?
        /// 0 is always shown (help, back: "how do I leave this view?", mitmproxy#3919); higher numbers give way
        /// first when there are more than eight hints or too little width.
        public var priority: Int

        public init(_ label: String, key: String? = nil, priority: Int) {
            self.label = label
            self.key = key
            self.priority = priority
        }
    }

    /// The keys that trigger the action; the first is the one hints show.
    public var keys: [Key]
    public var action: ConsoleAction
    public var context: KeyContext
    /// One line for the help overlay.
    public var help: String
    public var hint: Hint?

    public init(_ keys: [Key], _ action: ConsoleAction, in context: KeyContext, help: String, hint: Hint? = nil) {
        self.keys = keys
        self.action = action
        self.context = context
        self.help = help
        self.hint = hint
    }
}

/// One item of the hint line: `key label`, e.g. `/ filter`.
public struct HintItem: Hashable, Sendable {
    public var key: String
    public var label: String
    public var action: ConsoleAction

    public init(key: String, label: String, action: ConsoleAction) {
        self.key = key
        self.label = label
        self.action = action
    }

    /// The item as drawn.
    public var text: String { "\(key) \(label)" }
}

/// One section of the help overlay.
public struct HelpSection: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// Every key of the binding, e.g. `j ↓`.
        public var keys: String
        public var help: String
        public var action: ConsoleAction

        public init(keys: String, help: String, action: ConsoleAction) {
            self.keys = keys
            self.help = help
            self.action = action
        }
    }

    public var title: String
    public var rows: [Row]

    public init(title: String, rows: [Row]) {
        self.title = title
        self.rows = rows
    }
}

/// Looks keys up per context and generates the hint line and the help overlay from one list of bindings.
public struct KeyRegistry: Sendable {
    /// The hint line never shows more items than this.
    public static let maxHintItems = 8
    /// Each hint item (`key label`) fits in this many columns (mitmproxy's quick-help test).
    public static let maxHintItemWidth = 14
    /// Columns between hint items.
    public static let hintSeparator = "  "

    /// All bindings; their order is the order of hint items and help rows.
    public let bindings: [KeyBinding]
    private let table: [KeyContext: [Key: ConsoleAction]]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
        var table: [KeyContext: [Key: ConsoleAction]] = [:]
        for context in KeyContext.allCases {
            var map: [Key: ConsoleAction] = [:]
            for level in context.chain {
                for binding in bindings where binding.context == level {
                    for key in binding.keys where map[key] == nil { map[key] = binding.action }
                }
            }
            table[context] = map
        }
        self.table = table
    }

    /// The action `key` triggers in `context` (searching its chain), or nil when the key is unbound there: in a
    /// prompt that means the key is text.
    public func action(for key: Key, in context: KeyContext) -> ConsoleAction? {
        table[context]?[key]
    }

    /// The keys bound to `action` along `context`'s chain, for messages such as "press f to follow".
    public func keys(for action: ConsoleAction, in context: KeyContext) -> [Key] {
        context.chain.flatMap { level in
            bindings.filter { $0.context == level && $0.action == action }.flatMap(\.keys)
        }
    }

    /// The bindings that apply in `context`, most specific context first; mutations left out when `readOnly`, the
    /// simulator's keys unless there is a `simulator`.
    public func bindings(for context: KeyContext, readOnly: Bool = false, simulator: Bool = false) -> [KeyBinding] {
        context.chain.flatMap { level in
            bindings.filter { $0.context == level && $0.action.isAvailable(readOnly: readOnly, simulator: simulator) }
        }
    }

    /// The hint line's items for `context`: at most `maxHintItems`, most important first when choosing, shown in
    /// registry order, and together (with separators) no wider than `width`.
    public func hints(
        for context: KeyContext, glyphs: Glyphs, readOnly: Bool = false, simulator: Bool = false, width: Int = 80
    ) -> [HintItem] {
        let candidates = bindings.enumerated().compactMap { offset, binding -> (Int, Int, HintItem)? in
            guard let hint = binding.hint, context.chain.contains(binding.context),
                binding.action.isAvailable(readOnly: readOnly, simulator: simulator)
            else { return nil }
            let key = hint.key ?? binding.keys[0].label(glyphs)
            return (hint.priority, offset, HintItem(key: key, label: hint.label, action: binding.action))
        }
        var chosen: [(offset: Int, item: HintItem)] = []
        var used = 0
        for (_, offset, item) in candidates.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            guard chosen.count < Self.maxHintItems else { break }
            let cost = item.text.displayWidth + (chosen.isEmpty ? 0 : Self.hintSeparator.count)
            guard used + cost <= width else { continue }
            used += cost
            chosen.append((offset, item))
        }
        return chosen.sorted { $0.offset < $1.offset }.map(\.item)
    }

    /// The hint line for `context` as plain text (see `hints(for:glyphs:readOnly:simulator:width:)`).
    public func hintLine(
        for context: KeyContext, glyphs: Glyphs, readOnly: Bool = false, simulator: Bool = false, width: Int = 80
    ) -> String {
        hints(for: context, glyphs: glyphs, readOnly: readOnly, simulator: simulator, width: width).map(\.text)
            .joined(separator: Self.hintSeparator)
    }

    /// The help overlay for `context`: one section per context of its chain (this screen first, then the
    /// shared ones such as Navigation and Global), mutations left out when `readOnly`, the simulator's keys
    /// unless there is a `simulator`.
    public func helpSections(
        for context: KeyContext, glyphs: Glyphs, readOnly: Bool = false, simulator: Bool = false
    ) -> [HelpSection] {
        context.chain.compactMap { level in
            let rows = bindings.filter {
                $0.context == level && $0.action.isAvailable(readOnly: readOnly, simulator: simulator)
            }.map { binding in
                HelpSection.Row(
                    keys: binding.keys.map { $0.label(glyphs) }.joined(separator: " "),
                    help: binding.help,
                    action: binding.action
                )
            }
            return rows.isEmpty ? nil : HelpSection(title: level.title, rows: rows)
        }
    }
}
