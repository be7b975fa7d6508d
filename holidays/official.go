package holidays

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"ethicsdesk/cases"
)

// The State Council's published arrangements, one CSV file a year, as its
// notice lists them.
//
//go:embed official/cn-*.csv
var official embed.FS

// OfficialYears lists the years whose arrangement for China ships with the
// application, oldest first.
func OfficialYears() []int {
	entries, _ := official.ReadDir("official")
	var years []int
	for _, e := range entries {
		y, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(e.Name(), "cn-"), ".csv"))
		if err == nil {
			years = append(years, y)
		}
	}
	sort.Ints(years)
	return years
}

// Official is China's arrangement for year, as shipped.
func Official(year int) ([]cases.Holiday, error) {
	name := fmt.Sprintf("official/cn-%d.csv", year)
	data, err := official.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("the arrangement for %d does not ship with this version; import the State Council's notice for %d as a CSV or iCalendar file.", year, year)
	}
	return Parse(name, data)
}
