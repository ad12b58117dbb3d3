import Foundation

/// OSC 52: asks the terminal to put text on the system clipboard. It works over SSH and inside tmux (with
/// `set-clipboard on`), which is where operators run the console; terminals that do not support it ignore it.
public enum ClipboardEscape {
    /// The escape sequence that copies `text`: `ESC ] 52 ; c ; <base64> BEL`.
    public static func sequence(copying text: String) -> String {
        "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }
}
