package cases

// WaitsOn returns the person c's next step is up to: the senior who holds
// its review tier once one has claimed it, and its assignee at the
// frontline. It returns the zero Person while c waits for a senior to
// claim its review, which any senior may, and once it is closed.
func (c *Case) WaitsOn() Person {
	switch {
	case c.Status == StatusClosed:
		return Person{}
	case c.Tier > TierFrontline:
		return c.Reviewer
	default:
		return c.Assignee
	}
}
