"""The HR and payroll system: employees, employments, payroll lines and absences."""
