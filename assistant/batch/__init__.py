"""Many units at once: ``nianbao batch`` drafts a folder of units, resumably, and summarises them for a reviewer."""
