/// How a series' line looks, from its role and its group's style index.
struct SeriesStroke {
  var color: String
  var dash: String
  var width: String
  var opacity: String?
  var roleClass: String

  init(role: Series.Role, style: Int) {
    color = Palette.color(style)
    switch role {
    case .line:
      dash = Palette.dash(style)
      width = "1.1"
      opacity = nil
      roleClass = "line"
    case .neuron:
      dash = ""
      width = "0.45"
      opacity = "0.4"
      roleClass = "neuron"
    case .mean:
      dash = Palette.dash(style)
      width = "1.6"
      opacity = nil
      roleClass = "mean"
    }
  }
}
