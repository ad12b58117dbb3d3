/// The departments of the simulated company and the job titles in each. Departments become the
/// Okta groups the scenarios push as teams.
enum Workplace {
    /// Department name → titles, in a fixed order (generation must not depend on dictionary order).
    static let departments: [(name: String, titles: [String])] = [
        (
            "Engineering",
            [
                "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager",
                "Site Reliability Engineer", "Quality Assurance Engineer",
            ]
        ),
        (
            "Sales",
            [
                "Account Executive", "Sales Development Representative", "Regional Sales Director",
                "Solutions Engineer",
            ]
        ),
        ("Marketing", ["Product Marketing Manager", "Content Strategist", "Brand Designer", "Growth Analyst"]),
        ("Finance", ["Financial Analyst", "Controller", "Accounts Payable Specialist", "Head of Finance"]),
        ("People", ["People Partner", "Recruiter", "Talent Acquisition Lead", "HR Generalist"]),
        (
            "Customer Success",
            [
                "Customer Success Manager", "Support Engineer", "Technical Account Manager", "Support Team Lead",
            ]
        ),
    ]

    /// How many people each department gets, relatively (Engineering is the biggest).
    static let weights = [5, 3, 2, 1, 1, 3]

    /// Middle names for the few people who have one.
    static let middleNames = ["Marie", "Elisabeth", "Jean-Baptiste", "Ann", "Alexander", "Sofía"]

    /// The domain of every generated address (`.example` is reserved, RFC 2606).
    static let emailDomain = "acme.example"

    static func titles(of department: String) -> [String] {
        departments.first { $0.name == department }?.titles ?? ["Specialist"]
    }
}
