/// One of the eight standard terminal colours, numbered as curses' `COLOR_*` constants.
public enum TerminalColor: Int, CaseIterable, Hashable, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a role looks: optional colours (nil means the terminal's own default, so light and dark palettes both
/// work) and attributes that carry meaning without colour.
public struct TextStyle: Hashable, Sendable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        foreground: TerminalColor? = nil,
        background: TerminalColor? = nil,
        bold: Bool = false,
        reverse: Bool = false,
        underline: Bool = false,
        dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The terminal's default look.
    public static let plain = TextStyle()
}

/// A foreground/background combination, which curses must register as a numbered pair before drawing with it.
public struct ColorPair: Hashable, Sendable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
}

/// The `--color` option.
public enum ColorMode: String, CaseIterable, Sendable {
    /// Colour when the terminal supports it and `NO_COLOR` is not set.
    case auto
    /// Colour even when `NO_COLOR` is set (an explicit flag beats the environment, as no-color.org says).
    case always
    /// Never colour.
    case never
}

/// Maps every `StyleRole` to a `TextStyle`. Two themes exist: `monochrome` (attributes only: reverse for the
/// selection, bold for errors and badges) and `color`, which is the monochrome map plus foreground colours, so
/// meaning never rests on colour alone and a colour theme on a colourless terminal still reads correctly.
public struct Theme: Sendable {
    /// Whether this theme sets colours at all (the terminal layer skips `start_color` otherwise).
    public let usesColor: Bool
    /// The distinct colour combinations this theme uses, in role order; curses pair numbers are their index + 1
    /// (pair 0 is the terminal default).
    public let colorPairs: [ColorPair]
    private let styles: [StyleRole: TextStyle]

    private init(usesColor: Bool, styles: [StyleRole: TextStyle]) {
        var pairs: [ColorPair] = []
        for role in StyleRole.allCases {
            guard let style = styles[role], style.foreground != nil || style.background != nil else { continue }
            let pair = ColorPair(foreground: style.foreground, background: style.background)
            if !pairs.contains(pair) { pairs.append(pair) }
        }
        self.usesColor = usesColor
        self.colorPairs = pairs
        self.styles = styles
    }

    /// How `role` looks in this theme.
    public func style(for role: StyleRole) -> TextStyle {
        styles[role] ?? .plain
    }

    /// The curses colour pair number for `role`: 0 (terminal default) when the role sets no colour.
    public func colorPairNumber(for role: StyleRole) -> Int {
        let style = style(for: role)
        let pair = ColorPair(foreground: style.foreground, background: style.background)
        return colorPairs.firstIndex(of: pair).map { $0 + 1 } ?? 0
    }

    /// Attributes only; meaning carried by bold, reverse, underline and dim.
    public static let monochrome = Theme(usesColor: false, styles: monochromeStyles)

    /// The monochrome attributes plus foreground colours on the terminal's default background.
    public static let color: Theme = {
        let foregrounds: [StyleRole: TerminalColor] = [
            .header: .cyan,
            .statusOK: .green,
            .statusRedirect: .cyan,
            .statusClientError: .yellow,
            .statusServerError: .red,
            .methodRead: .cyan,
            .methodWrite: .magenta,
            .badgeFollow: .green,
            .badgePaused: .yellow,
            .badgeManaged: .blue,
            .badgeReadOnly: .yellow,
            .flashInfo: .green,
            .flashError: .red,
            .keyHint: .cyan,
        ]
        var styles = monochromeStyles
        for (role, colour) in foregrounds {
            styles[role, default: .plain].foreground = colour
        }
        return Theme(usesColor: true, styles: styles)
    }()

    private static let monochromeStyles: [StyleRole: TextStyle] = [
        .normal: .plain,
        .header: TextStyle(bold: true),
        .tabActive: TextStyle(bold: true, reverse: true),
        .tabInactive: .plain,
        .title: TextStyle(bold: true),
        .columnHeader: TextStyle(underline: true),
        .selection: TextStyle(reverse: true),
        .statusOK: .plain,
        .statusRedirect: .plain,
        .statusClientError: TextStyle(bold: true),
        .statusServerError: TextStyle(bold: true),
        .methodRead: .plain,
        .methodWrite: .plain,
        .badgeFollow: TextStyle(bold: true),
        .badgePaused: TextStyle(bold: true, reverse: true),
        .badgeManaged: .plain,
        .badgeReadOnly: TextStyle(bold: true),
        .flashInfo: .plain,
        .flashError: TextStyle(bold: true),
        .dim: TextStyle(dim: true),
        .keyHint: TextStyle(bold: true),
    ]

    /// Chooses the theme from the `--color` flag, the environment and what the terminal reports (`has_colors()`).
    ///
    /// `never` is monochrome and `always` is colour. `auto` is monochrome when `NO_COLOR` is set to a non-empty
    /// value (https://no-color.org), when `TERM` is `dumb`, or when the terminal has no colours; colour otherwise.
    public static func select(mode: ColorMode, environment: [String: String], terminalHasColors: Bool) -> Theme {
        switch mode {
        case .always:
            return .color
        case .never:
            return .monochrome
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
            if environment["TERM"] == "dumb" || !terminalHasColors { return .monochrome }
            return .color
        }
    }
}
