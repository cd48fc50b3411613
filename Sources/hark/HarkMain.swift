import HarkCLI

@main
enum HarkMain {
  static func main() async {
    await HarkCommand.main()
  }
}
