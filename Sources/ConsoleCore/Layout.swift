/// The frame every console screen shares, as a pure function of the terminal size (lazygit's window arrangement):
///
/// ```
/// row 0        tabs: `roster  1 Members  2 Teams  3 Requests  4 Keys` + server badge
/// row 1        title: screen name, count, filter, sort/follow badges, position
/// rows 2…n-3   body: table or detail
/// row n-2      flash message
/// row n-1      key hints
/// ```
/// Rows are zero-based here (the design notes count from 1).
public struct FrameLayout: Hashable, Sendable {
    /// Below this the console shows `TooSmallNotice` instead of a frame and ignores every key but quit.
    public static let minimumSize = TerminalSize(rows: 16, cols: 60)

    public let size: TerminalSize
    public let tabs: Rect
    public let title: Rect
    public let body: Rect
    public let flash: Rect
    public let hints: Rect

    /// The frame for `size`, or nil when it is smaller than `minimumSize` in either direction.
    public init?(size: TerminalSize) {
        guard size.rows >= Self.minimumSize.rows, size.cols >= Self.minimumSize.cols else { return nil }
        let width = size.cols
        self.size = size
        tabs = Rect(row: 0, col: 0, height: 1, width: width)
        title = Rect(row: 1, col: 0, height: 1, width: width)
        body = Rect(row: 2, col: 0, height: size.rows - 4, width: width)
        flash = Rect(row: size.rows - 2, col: 0, height: 1, width: width)
        hints = Rect(row: size.rows - 1, col: 0, height: 1, width: width)
    }
}

/// What the console shows for a terminal size: the normal frame, or the notice that the terminal is too small.
public enum ScreenLayout: Hashable, Sendable {
    case frame(FrameLayout)
    case tooSmall(TerminalSize)

    /// The layout for `size`.
    public static func forSize(_ size: TerminalSize) -> ScreenLayout {
        FrameLayout(size: size).map(ScreenLayout.frame) ?? .tooSmall(size)
    }
}

/// The screen drawn instead of the frame when the terminal is smaller than `FrameLayout.minimumSize`: it says so
/// and how to get out, rather than drawing a garbled frame on which keys would act invisibly (lazygit#3176).
public enum TooSmallNotice {
    /// The notice's lines; `draw` cuts each to the screen width.
    public static func lines(for size: TerminalSize) -> [String] {
        let minimum = FrameLayout.minimumSize
        return [
            "Terminal too small: \(size)",
            "roster needs at least \(minimum).",
            "Enlarge the window, or press q to quit.",
        ]
    }

    /// Clears `screen` and draws the notice centred (top-left when even that does not fit).
    public static func draw(on screen: inout some Screen, ellipsis: String = "…") {
        screen.clear()
        let size = screen.size
        let lines = lines(for: size)
        let top = max(0, (size.rows - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let width = min(line.displayWidth, size.cols)
            let left = max(0, (size.cols - width) / 2)
            let style: StyleRole = offset == 0 ? .flashError : .normal
            screen.put(row: top + offset, col: left, width: width, text: line, style: style, ellipsis: ellipsis)
        }
    }
}
