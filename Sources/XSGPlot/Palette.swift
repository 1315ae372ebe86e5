/// Line styles for series groups: the Okabe–Ito colours (distinguishable with the common colour-vision
/// deficiencies), each paired with its own dash pattern so the lines also differ in greyscale print.
public enum Palette {
  /// Okabe & Ito (2008), ordered so neighbours differ most in lightness; yellow is left out (too pale).
  public static let colors: [String] = [
    "#0072B2",  // blue
    "#D55E00",  // vermillion
    "#009E73",  // bluish green
    "#CC79A7",  // reddish purple
    "#E69F00",  // orange
    "#56B4E9",  // sky blue
    "#000000",  // black
  ]

  /// SVG `stroke-dasharray` values in points; the empty string is a solid line.
  public static let dashes: [String] = ["", "4 1.5", "1.2 1.2", "5 1.5 1.2 1.5", "2.5 1.5", "7 2", "1.2 2.5"]

  /// ANSI 256-colour codes close to `colors`, for terminal plots with colour switched on.
  public static let ansi: [Int] = [25, 166, 36, 175, 214, 74, 16]

  public static func color(_ index: Int) -> String { colors[index % colors.count] }

  /// Colours cycle first; once they run out, dash patterns shift so that no two groups look the same.
  public static func dash(_ index: Int) -> String {
    dashes[(index + index / colors.count) % dashes.count]
  }
}
